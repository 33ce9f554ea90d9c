package dev.custos.cli;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.core.ConsoleAppender;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * stdout carries PSBTs and JSON lines that scripts parse: library logging (Flyway, HikariCP) must
 * go to stderr and stay quiet below WARN.
 */
class LoggingConfigTest {
  @Test
  void librariesLogOnlyWarningsAndOnlyToStderr() {
    assertThat(LoggerFactory.getLogger("org.flywaydb.core.FlywayExecutor").isInfoEnabled()).isFalse();
    Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    var appender = root.getAppender("STDERR");
    assertThat(appender).isInstanceOf(ConsoleAppender.class);
    assertThat(((ConsoleAppender<?>) appender).getTarget()).isEqualTo("System.err");
  }
}
