package dev.custos.server.node;

import dev.custos.service.macaroon.BakedMacaroon;
import dev.custos.service.macaroon.MacaroonBakery;
import dev.custos.service.macaroon.MacaroonPreset;
import dev.custos.store.StoreException;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;

/**
 * LND's first start: {@code admin.macaroon}, {@code readonly.macaroon} and {@code signer.macaroon}
 * in the data directory (binary v2, mode 0600), each under its own root key id. Baked when the
 * server unlocks, only for files that are missing; an existing file is never overwritten.
 */
final class FirstStartMacaroons {
  static final List<MacaroonPreset> PRESETS = List.of(MacaroonPreset.ADMIN, MacaroonPreset.READONLY, MacaroonPreset.SIGNER);

  private FirstStartMacaroons() {}

  /** @return the files written now (empty when all existed) */
  static List<Path> bakeMissing(Path dataDir, MacaroonBakery bakery, String credential) throws StoreException, IOException {
    List<Path> written = new ArrayList<>();
    for (MacaroonPreset preset : PRESETS) {
      Path file = dataDir.resolve(preset.cliName() + ".macaroon");
      if (Files.exists(file)) {
        continue;
      }
      BakedMacaroon baked = bakery.bake(preset.permissions(), List.of(), preset.cliName() + " (first start)", credential);
      try {
        Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      } catch (FileAlreadyExistsException e) {
        continue;
      }
      Files.write(file, baked.macaroon().encode(), StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING);
      written.add(file);
    }
    return written;
  }
}
