package dev.custos.cli.datadir;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The Custos data directory: mode {@code 0700}, marked by a {@code .custos-datadir} file, holding
 * flat files of mode {@code 0600}.
 *
 * <p>Writes are crash-safe: content goes to a {@code 0600} temporary file in the same directory
 * (created with that mode, never wider), is fsynced, then published by an atomic rename ({@link
 * #writeAtomically}) or an atomic hard link that refuses to replace ({@link #createExclusive}),
 * and the directory is fsynced. A reader sees the old file or the new one, never a partial one.
 *
 * <p>File names are simple: letters, digits, {@code . _ -}, not starting with a dot (dot names are
 * the marker's and temporary files').
 */
public final class DataDirectory {
  static final String MARKER = ".custos-datadir";
  private static final byte[] MARKER_CONTENT =
      "Custos data directory, layout 1\n".getBytes(StandardCharsets.US_ASCII);
  private static final Set<PosixFilePermission> DIRECTORY_MODE = PosixFilePermissions.fromString("rwx------");
  private static final Set<PosixFilePermission> FILE_MODE = PosixFilePermissions.fromString("rw-------");
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");

  private final Path dir;

  private DataDirectory(Path dir) {
    this.dir = dir;
  }

  /**
   * Creates the data directory (and missing parents) with mode {@code 0700}, or adopts an existing
   * empty directory, or reopens an existing Custos data directory; in every case the directory
   * ends with mode exactly {@code 0700}.
   *
   * @throws DataDirectoryException if {@code dir} is a file, or a non-empty directory that is not
   *     a Custos data directory, or cannot be created or restricted
   */
  public static DataDirectory create(Path dir) throws DataDirectoryException {
    Path absolute = dir.toAbsolutePath().normalize();
    DataDirectory directory = new DataDirectory(absolute);
    try {
      if (Files.exists(absolute, LinkOption.NOFOLLOW_LINKS)) {
        if (!Files.isDirectory(absolute)) {
          throw new DataDirectoryException(absolute + " exists and is not a directory");
        }
        boolean marked = Files.isRegularFile(absolute.resolve(MARKER), LinkOption.NOFOLLOW_LINKS);
        if (!marked && !isEmpty(absolute)) {
          throw new DataDirectoryException(
              absolute + " is not empty and is not a Custos data directory; choose a new or empty directory");
        }
        restrict(absolute);
        if (marked) {
          return open(absolute);
        }
      } else {
        Path parent = absolute.getParent();
        if (parent != null) {
          Files.createDirectories(parent);
        }
        Files.createDirectory(absolute, PosixFilePermissions.asFileAttribute(DIRECTORY_MODE));
        restrict(absolute);
        if (parent != null) {
          fsync(parent);
        }
      }
      directory.replace(MARKER, MARKER_CONTENT);
      return directory;
    } catch (DataDirectoryException e) {
      throw e;
    } catch (UnsupportedOperationException e) {
      throw new DataDirectoryException("the file system of " + absolute + " has no POSIX permissions");
    } catch (IOException e) {
      throw new DataDirectoryException("cannot create data directory " + absolute, e);
    }
  }

  /**
   * Opens an existing data directory.
   *
   * @throws DataDirectoryException if it does not exist, is not a Custos data directory, or is
   *     accessible to group or others (it must be {@code 0700}: run {@code chmod 700})
   */
  public static DataDirectory open(Path dir) throws DataDirectoryException {
    Path absolute = dir.toAbsolutePath().normalize();
    if (!Files.exists(absolute)) {
      throw new DataDirectoryException("data directory " + absolute + " does not exist");
    }
    if (!Files.isDirectory(absolute)) {
      throw new DataDirectoryException(absolute + " is not a directory");
    }
    if (!Files.isRegularFile(absolute.resolve(MARKER), LinkOption.NOFOLLOW_LINKS)) {
      throw new DataDirectoryException(absolute + " is not a Custos data directory (no " + MARKER + " file)");
    }
    try {
      Set<PosixFilePermission> mode = Files.getPosixFilePermissions(absolute);
      if (!DIRECTORY_MODE.containsAll(mode)) {
        throw new DataDirectoryException(
            "data directory " + absolute + " has mode " + PosixFilePermissions.toString(mode)
                + ", wider than rwx------; run: chmod 700 " + absolute);
      }
    } catch (DataDirectoryException e) {
      throw e;
    } catch (UnsupportedOperationException e) {
      throw new DataDirectoryException("the file system of " + absolute + " has no POSIX permissions");
    } catch (IOException e) {
      throw new DataDirectoryException("cannot open data directory " + absolute, e);
    }
    return new DataDirectory(absolute);
  }

  /** The absolute path of the directory. */
  public Path path() {
    return dir;
  }

  public boolean exists(String name) {
    return Files.exists(dir.resolve(checkedName(name)), LinkOption.NOFOLLOW_LINKS);
  }

  /**
   * @throws DataDirectoryException if the file does not exist or cannot be read
   */
  public byte[] read(String name) throws DataDirectoryException {
    Path file = dir.resolve(checkedName(name));
    try {
      return Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      throw new DataDirectoryException(name + " not found in " + dir);
    } catch (IOException e) {
      throw new DataDirectoryException("cannot read " + name + " in " + dir, e);
    }
  }

  /** Writes {@code name} (mode {@code 0600}) atomically and durably, replacing any old content. */
  public void writeAtomically(String name, byte[] content) throws DataDirectoryException {
    replace(checkedName(name), content);
  }

  private void replace(String name, byte[] content) throws DataDirectoryException {
    Path target = dir.resolve(name);
    Path temp = writeTemporary(name, content);
    try {
      Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
      fsync(dir);
    } catch (IOException e) {
      throw new DataDirectoryException("cannot write " + name + " in " + dir, e);
    } finally {
      deleteQuietly(temp);
    }
  }

  /**
   * Writes {@code name} (mode {@code 0600}) atomically and durably only if it does not exist yet:
   * publication is a hard link, which the kernel refuses when the name is taken, so an existing
   * file (a seed!) is never overwritten, not even by a concurrent writer.
   *
   * @return {@code true} if written, {@code false} if {@code name} already existed (untouched)
   */
  public boolean createExclusive(String name, byte[] content) throws DataDirectoryException {
    Path target = dir.resolve(checkedName(name));
    if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
      return false;
    }
    Path temp = writeTemporary(name, content);
    try {
      Files.createLink(target, temp);
      Files.delete(temp);
      fsync(dir);
      return true;
    } catch (FileAlreadyExistsException e) {
      return false;
    } catch (IOException | UnsupportedOperationException e) {
      throw new DataDirectoryException(
          "cannot create " + name + " in " + dir,
          e instanceof IOException io ? io : new IOException("the file system has no hard links"));
    } finally {
      deleteQuietly(temp);
    }
  }

  private Path writeTemporary(String name, byte[] content) throws DataDirectoryException {
    Path temp = dir.resolve("." + name + "." + UUID.randomUUID() + ".tmp");
    try {
      Files.createFile(temp, PosixFilePermissions.asFileAttribute(FILE_MODE));
      try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
        Files.setPosixFilePermissions(temp, FILE_MODE);
        ByteBuffer buffer = ByteBuffer.wrap(content);
        while (buffer.hasRemaining()) {
          channel.write(buffer);
        }
        channel.force(true);
      }
      return temp;
    } catch (IOException e) {
      deleteQuietly(temp);
      throw new DataDirectoryException("cannot write " + name + " in " + dir, e);
    }
  }

  private static String checkedName(String name) {
    if (name == null || !NAME.matcher(name).matches()) {
      throw new IllegalArgumentException("invalid data file name '" + name + "'");
    }
    return name;
  }

  private static void restrict(Path directory) throws IOException {
    Files.setPosixFilePermissions(directory, DIRECTORY_MODE);
  }

  private static boolean isEmpty(Path directory) throws IOException {
    try (Stream<Path> entries = Files.list(directory)) {
      return entries.findAny().isEmpty();
    }
  }

  private static void fsync(Path directory) throws IOException {
    try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
      channel.force(true);
    }
  }

  private static void deleteQuietly(Path temp) {
    try {
      Files.deleteIfExists(temp);
    } catch (IOException e) {
      // The temporary name is hidden and never read; a leftover is harmless.
    }
  }

  @Override
  public String toString() {
    return "DataDirectory[" + dir + "]";
  }
}
