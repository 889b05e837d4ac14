package kinesis.eval.emg;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import kinesis.io.BadInputException;

/**
 * A numeric CSV table as the EMG data sets store it: one header row (names may be quoted), then
 * rows of numbers; {@code NA}, {@code nan} or an empty cell read as NaN. A column may instead hold
 * text (e.g. a trial id), kept in {@link #text}.
 */
record Csv(Path file, List<String> header, List<double[]> rows, List<String[]> text) {

  static Csv read(Path file) {
    List<String> lines;
    try {
      lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      throw new BadInputException(file, "no such file");
    } catch (IOException e) {
      throw new BadInputException(file, "cannot read: " + e.getMessage());
    }
    lines.removeIf(String::isBlank);
    if (lines.isEmpty()) throw new BadInputException(file, "empty CSV file");
    List<String> header = List.of(split(lines.get(0)));
    List<double[]> rows = new ArrayList<>();
    List<String[]> text = new ArrayList<>();
    for (int i = 1; i < lines.size(); i++) {
      String[] cells = split(lines.get(i));
      if (cells.length != header.size()) {
        throw new BadInputException(
            file,
            "line " + (i + 1) + " has " + cells.length + " cells, the header has " + header.size());
      }
      double[] values = new double[cells.length];
      for (int c = 0; c < cells.length; c++) values[c] = number(cells[c]);
      rows.add(values);
      text.add(cells);
    }
    if (rows.isEmpty()) throw new BadInputException(file, "CSV file has a header but no rows");
    return new Csv(file, header, rows, text);
  }

  /** Index of a column; a missing column is bad input naming the file. */
  int column(String name) {
    int i = header.indexOf(name);
    if (i < 0)
      throw new BadInputException(file, "no column '" + name + "' (columns: " + header + ")");
    return i;
  }

  /** A numeric column; a cell that is not a number (nor NA) is bad input naming file and line. */
  double[] numbers(String name) {
    int c = column(name);
    double[] out = new double[rows.size()];
    for (int r = 0; r < out.length; r++) {
      out[r] = rows.get(r)[c];
      if (Double.isNaN(out[r]) && !isMissing(text.get(r)[c])) {
        throw new BadInputException(
            file,
            "line " + (r + 2) + ", column '" + name + "': not a number: '" + text.get(r)[c] + "'");
      }
    }
    return out;
  }

  private static boolean isMissing(String cell) {
    String s = cell.trim();
    return s.isEmpty() || s.equalsIgnoreCase("NA") || s.equalsIgnoreCase("nan");
  }

  private static double number(String cell) {
    if (isMissing(cell)) return Double.NaN;
    try {
      return Double.parseDouble(cell.trim());
    } catch (NumberFormatException e) {
      return Double.NaN;
    }
  }

  /**
   * Splits one line at commas, removing surrounding double quotes (the files have no commas inside
   * quotes).
   */
  private static String[] split(String line) {
    String[] cells = line.split(",", -1);
    for (int i = 0; i < cells.length; i++) {
      String s = cells[i].trim();
      if (s.length() >= 2 && s.startsWith("\"") && s.endsWith("\""))
        s = s.substring(1, s.length() - 1);
      cells[i] = s;
    }
    return cells;
  }
}
