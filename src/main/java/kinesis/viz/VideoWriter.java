package kinesis.viz;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.metadata.IIOMetadataNode;
import javax.imageio.stream.ImageOutputStream;
import kinesis.io.AtomicFiles;
import kinesis.io.BadInputException;
import org.jcodec.api.SequenceEncoder;
import org.jcodec.common.Codec;
import org.jcodec.common.Format;
import org.jcodec.common.io.NIOUtils;
import org.jcodec.common.io.SeekableByteChannel;
import org.jcodec.common.model.ColorSpace;
import org.jcodec.common.model.Picture;
import org.jcodec.common.model.Rational;

/**
 * Writes frames to an animated GIF (looping, JDK ImageIO) or an H.264 MP4 (JCodec, pure Java),
 * chosen by the file extension. Written to a temporary file and renamed when complete.
 */
public final class VideoWriter implements AutoCloseable {
  private final Path out, tmp;
  private final boolean gif;
  private final double fps;
  private ImageWriter gifWriter;
  private ImageOutputStream gifStream;
  private SeekableByteChannel mp4Channel;
  private SequenceEncoder mp4;
  private int frames;

  public VideoWriter(Path out, double fps) {
    this.out = out;
    this.fps = fps;
    String name = out.getFileName().toString().toLowerCase(Locale.ROOT);
    if (name.endsWith(".gif")) gif = true;
    else if (name.endsWith(".mp4")) gif = false;
    else throw new BadInputException(out, "unsupported video type: use .mp4 or .gif");
    try {
      Path dir = out.toAbsolutePath().getParent();
      Files.createDirectories(dir);
      tmp = Files.createTempFile(dir, "." + out.getFileName(), ".part");
      if (gif) {
        gifWriter = ImageIO.getImageWritersByFormatName("gif").next();
        gifStream = ImageIO.createImageOutputStream(tmp.toFile());
        gifWriter.setOutput(gifStream);
        gifWriter.prepareWriteSequence(null);
      } else {
        mp4Channel = NIOUtils.writableChannel(tmp.toFile());
        mp4 =
            new SequenceEncoder(
                mp4Channel,
                Rational.R((int) Math.round(fps * 1000), 1000),
                Format.MOV,
                Codec.H264,
                null);
      }
    } catch (IOException e) {
      throw new BadInputException(out, "cannot write video: " + e.getMessage());
    }
  }

  public void add(BufferedImage frame) throws IOException {
    frames++;
    if (!gif) {
      mp4.encodeNativeFrame(rgbPicture(frame));
      return;
    }
    ImageWriteParam param = gifWriter.getDefaultWriteParam();
    IIOMetadata meta =
        gifWriter.getDefaultImageMetadata(ImageTypeSpecifier.createFromRenderedImage(frame), param);
    String format = meta.getNativeMetadataFormatName();
    IIOMetadataNode root = (IIOMetadataNode) meta.getAsTree(format);
    IIOMetadataNode gce = child(root, "GraphicControlExtension");
    gce.setAttribute("disposalMethod", "none");
    gce.setAttribute("userInputFlag", "FALSE");
    gce.setAttribute("transparentColorFlag", "FALSE");
    gce.setAttribute("delayTime", Integer.toString((int) Math.round(100 / fps)));
    gce.setAttribute("transparentColorIndex", "0");
    if (frames == 1) { // loop forever
      IIOMetadataNode app = new IIOMetadataNode("ApplicationExtension");
      app.setAttribute("applicationID", "NETSCAPE");
      app.setAttribute("authenticationCode", "2.0");
      app.setUserObject(new byte[] {1, 0, 0});
      child(root, "ApplicationExtensions").appendChild(app);
    }
    meta.setFromTree(format, root);
    gifWriter.writeToSequence(new IIOImage(frame, null, meta), param);
  }

  // the frame as JCodec's packed RGB picture (bytes offset by −128), cropped to even sides for
  // H.264
  private static Picture rgbPicture(BufferedImage f) {
    int w = f.getWidth() & ~1, h = f.getHeight() & ~1;
    Picture pic = Picture.create(w, h, ColorSpace.RGB);
    byte[] rgb = pic.getPlaneData(0);
    int[] row = new int[w];
    for (int y = 0, k = 0; y < h; y++) {
      f.getRGB(0, y, w, 1, row, 0, w);
      for (int p : row) {
        rgb[k++] = (byte) (((p >> 16) & 0xff) - 128);
        rgb[k++] = (byte) (((p >> 8) & 0xff) - 128);
        rgb[k++] = (byte) ((p & 0xff) - 128);
      }
    }
    return pic;
  }

  private static IIOMetadataNode child(IIOMetadataNode root, String name) {
    for (int i = 0; i < root.getLength(); i++) {
      if (root.item(i).getNodeName().equalsIgnoreCase(name)) return (IIOMetadataNode) root.item(i);
    }
    IIOMetadataNode node = new IIOMetadataNode(name);
    root.appendChild(node);
    return node;
  }

  public int frames() {
    return frames;
  }

  @Override
  public void close() throws IOException {
    if (gif) {
      gifWriter.endWriteSequence();
      gifStream.close();
      gifWriter.dispose();
    } else {
      mp4.finish();
      NIOUtils.closeQuietly(mp4Channel);
    }
    AtomicFiles.move(tmp, out);
  }
}
