package dev.custos.cli.cosigner;

import dev.custos.cli.CliException;
import dev.custos.cli.ExitCode;
import dev.custos.service.cosigner.GroupFile;
import dev.custos.service.cosigner.GroupFileCodec;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The group file a relay writes for coordinators ({@code custos threshold dkg --out}, {@code refresh
 * --out}): a new file, never an existing one replaced. {@link #at} refuses an existing path before
 * the ceremony starts; {@link #write} refuses one that appeared meanwhile.
 */
final class NewGroupFile {
  private final Path out;

  private NewGroupFile(Path out) {
    this.out = out;
  }

  /** @throws CliException (bad input) if {@code out} already exists */
  static NewGroupFile at(Path out) throws CliException {
    if (Files.exists(out)) {
      throw CliException.badInput(out + " already exists: refusing to overwrite it");
    }
    return new NewGroupFile(out);
  }

  /** @param ceremony what produced {@code group}, for the message if it cannot be written ({@code "the DKG"}) */
  void write(GroupFile group, String ceremony) throws CliException {
    try {
      Files.write(out, GroupFileCodec.encodeGroup(group), StandardOpenOption.CREATE_NEW);
    } catch (FileAlreadyExistsException e) {
      throw CliException.badInput(out + " already exists: refusing to overwrite it");
    } catch (IOException e) {
      throw new CliException(ExitCode.INTERNAL,
          ceremony + " completed but " + out + " could not be written: " + e.getClass().getSimpleName());
    }
  }
}
