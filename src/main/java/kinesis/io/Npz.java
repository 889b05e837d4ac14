package kinesis.io;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

/**
 * NumPy {@code .npz} archives: a zip (stored or deflated, zip64 allowed) of {@code NAME.npy}
 * members. Arrays come back in archive order, keyed without the {@code .npy} suffix.
 */
public final class Npz {
  private Npz() {}

  /** Reads every array of an archive; a bad archive or member is a {@link BadInputException}. */
  public static Map<String, NdArray> read(Path file) {
    byte[] head = Npy.Io.readAll(file);
    if (head.length == 0) throw new BadInputException(file, "file is empty");
    if (head.length < 4 || head[0] != 'P' || head[1] != 'K') throw new BadInputException(file, "not an .npz (zip) file");
    Map<String, NdArray> out = new LinkedHashMap<>();
    // the central directory (at the end) lists the members: a truncated archive has none
    try (ZipFile zip = new ZipFile(file.toFile())) {
      for (ZipEntry e : java.util.Collections.list(zip.entries())) {
        if (e.isDirectory()) continue;
        String name = e.getName();
        byte[] member;
        try (InputStream in = zip.getInputStream(e)) {
          member = in.readAllBytes();
        }
        String key = name.endsWith(".npy") ? name.substring(0, name.length() - 4) : name;
        out.put(key, Npy.parse(member, file + ":" + name));
      }
    } catch (IOException | IllegalArgumentException e) {
      throw new BadInputException(file, "truncated or corrupt zip archive: " + e.getMessage());
    }
    if (out.isEmpty()) throw new BadInputException(file, "archive holds no arrays");
    return out;
  }

  /** Writes arrays to an archive atomically, deflated or stored. */
  public static void write(Path file, Map<String, NdArray> arrays, boolean compress) {
    AtomicFiles.writeBytes(file, toBytes(arrays, compress));
  }

  /** The bytes of an archive holding {@code arrays}. */
  public static byte[] toBytes(Map<String, NdArray> arrays, boolean compress) {
    ByteArrayOutputStream bos = new ByteArrayOutputStream();
    try (ZipOutputStream zip = new ZipOutputStream(bos)) {
      for (Map.Entry<String, NdArray> a : arrays.entrySet()) {
        byte[] data = Npy.toBytes(a.getValue());
        ZipEntry e = new ZipEntry(a.getKey() + ".npy");
        if (compress) {
          e.setMethod(ZipEntry.DEFLATED);
        } else {
          CRC32 crc = new CRC32();
          crc.update(data);
          e.setMethod(ZipEntry.STORED);
          e.setSize(data.length);
          e.setCompressedSize(data.length);
          e.setCrc(crc.getValue());
        }
        zip.putNextEntry(e);
        zip.write(data);
        zip.closeEntry();
      }
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    return bos.toByteArray();
  }
}
