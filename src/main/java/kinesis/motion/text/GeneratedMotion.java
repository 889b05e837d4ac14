package kinesis.motion.text;

import java.nio.file.Path;
import kinesis.io.NdArray;

/**
 * One motion a text-to-motion model generated: 22 HumanML3D joint positions per frame ({@code (T,
 * 22, 3)}, metres, y up) with the text it was generated from.
 *
 * @param file the file it came from
 * @param index sample number within that file (0 for a plain array)
 * @param text the prompt or caption (from the file, a caption file, or the file name)
 * @param textSource where the text came from: results.npy, caption file, meta json or file name
 * @param joints (T, 22, 3) joint positions
 */
public record GeneratedMotion(
    Path file, int index, String text, String textSource, NdArray joints) {

  /** A short human label: file name and sample. */
  public String label() {
    return file.getFileName()
        + (textSource.equals(GeneratedMotions.FROM_RESULTS) ? " sample " + index : "");
  }

  public int frames() {
    return joints.shape()[0];
  }
}
