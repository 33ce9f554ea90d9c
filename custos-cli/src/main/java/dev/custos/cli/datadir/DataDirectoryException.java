package dev.custos.cli.datadir;

import java.io.IOException;

/**
 * The data directory cannot be created, opened, read or written. The message is one line naming
 * the directory or file and the reason, fit to print as is. Never contains file contents.
 */
public final class DataDirectoryException extends IOException {
  private static final long serialVersionUID = 1L;

  public DataDirectoryException(String message) {
    super(message);
  }

  public DataDirectoryException(String message, IOException cause) {
    super(message + ": " + reason(cause), cause);
  }

  private static String reason(IOException e) {
    return switch (e) {
      case java.nio.file.NoSuchFileException ignored -> "no such file or directory";
      case java.nio.file.AccessDeniedException ignored -> "permission denied";
      case java.nio.file.FileAlreadyExistsException ignored -> "already exists";
      case java.nio.file.FileSystemException fs when fs.getReason() != null -> fs.getReason();
      default -> e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
    };
  }
}
