package kinesis.motion.text;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.similarities.BM25Similarity;
import org.apache.lucene.store.ByteBuffersDirectory;

/**
 * An in-memory Apache Lucene index of short texts, ranked by BM25 (k1 = 1.2, b = 0.75). Texts and
 * prompts go through Lucene's English analyser (lower case, stop words, possessives, Porter stems:
 * "walked", "walks" and "walking" all match "walk"). A hit is a text's position in the list given.
 */
public final class TextIndex implements AutoCloseable {
  /** One matching text: its position in the indexed list and its BM25 score. */
  public record Hit(int position, double score) {}

  private static final String TEXT = "text", POSITION = "position";

  static {
    // Lucene announces its vector backend at INFO on first use; keep the CLI's output clean
    java.util.logging.Logger.getLogger("org.apache.lucene.internal.vectorization")
        .setLevel(java.util.logging.Level.WARNING);
  }

  private final Analyzer analyzer = new EnglishAnalyzer();
  private final ByteBuffersDirectory dir = new ByteBuffersDirectory();
  private final DirectoryReader reader;
  private final IndexSearcher searcher;

  public TextIndex(List<String> texts) {
    try {
      IndexWriterConfig cfg = new IndexWriterConfig(analyzer).setSimilarity(new BM25Similarity());
      try (IndexWriter w = new IndexWriter(dir, cfg)) {
        for (int i = 0; i < texts.size(); i++) {
          Document d = new Document();
          d.add(new TextField(TEXT, texts.get(i), Field.Store.NO));
          d.add(new StoredField(POSITION, i));
          w.addDocument(d);
        }
      }
      reader = DirectoryReader.open(dir);
      searcher = new IndexSearcher(reader);
      searcher.setSimilarity(new BM25Similarity());
    } catch (IOException e) {
      throw new UncheckedIOException("in-memory index", e);
    }
  }

  /** The analysed terms of a text (what the index matches on). */
  public List<String> terms(String text) {
    List<String> out = new ArrayList<>();
    try (TokenStream ts = analyzer.tokenStream(TEXT, text)) {
      CharTermAttribute term = ts.addAttribute(CharTermAttribute.class);
      ts.reset();
      while (ts.incrementToken()) out.add(term.toString());
      ts.end();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out;
  }

  /**
   * The best {@code k} texts for a prompt, best first; empty when no term matches. Texts sharing
   * more of the prompt's distinct terms rank first (so "turn left" prefers texts with both words
   * over a short "turns right"), BM25 orders texts that share as many.
   */
  public List<Hit> search(String prompt, int k) {
    List<String> terms = terms(prompt).stream().distinct().toList();
    if (terms.isEmpty() || k < 1) return List.of();
    List<Hit> hits = new ArrayList<>();
    java.util.Set<Integer> seen = new java.util.HashSet<>();
    try {
      for (int need = terms.size(); need >= 1 && hits.size() < k; need--) {
        BooleanQuery.Builder q = new BooleanQuery.Builder().setMinimumNumberShouldMatch(need);
        for (String t : terms) q.add(new TermQuery(new Term(TEXT, t)), BooleanClause.Occur.SHOULD);
        for (ScoreDoc sd : searcher.search(q.build(), k).scoreDocs) {
          int position =
              searcher.storedFields().document(sd.doc).getField(POSITION).numericValue().intValue();
          if (hits.size() < k && seen.add(position)) hits.add(new Hit(position, sd.score));
        }
      }
      return hits;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    try {
      reader.close();
      dir.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    analyzer.close();
  }
}
