package dev.flightdelay.helm;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The sh code blocks of a Markdown text, read as a shell reads them: continuation lines joined,
 * here-documents (cat > FILE <<'END') kept as files, words split on blanks outside quotes. No
 * expansion: "$VAR" stays as written.
 *
 * @param commands each command line, as words
 * @param lines each command line, as written (continuations joined)
 * @param files the here-documents, by file name
 */
record ShellScript(List<List<String>> commands, List<String> lines, Map<String, String> files) {

  private static final Pattern BLOCK = Pattern.compile("```sh\\n(.*?)```", Pattern.DOTALL);
  private static final Pattern HEREDOC = Pattern.compile("cat > (\\S+) <<'(\\w+)'");

  static ShellScript of(String markdown) {
    List<List<String>> commands = new ArrayList<>();
    List<String> lines = new ArrayList<>();
    Map<String, String> files = new LinkedHashMap<>();
    Matcher block = BLOCK.matcher(markdown);
    while (block.find()) {
      List<String> blockLines = block.group(1).replaceAll("\\\\\\n\\s*", " ").lines().toList();
      for (int i = 0; i < blockLines.size(); i++) {
        String line = blockLines.get(i).strip();
        Matcher heredoc = HEREDOC.matcher(line);
        if (heredoc.matches()) {
          StringBuilder content = new StringBuilder();
          for (i++; !blockLines.get(i).equals(heredoc.group(2)); i++) {
            content.append(blockLines.get(i)).append('\n');
          }
          files.put(heredoc.group(1), content.toString());
        } else if (!line.isEmpty() && !line.startsWith("#")) {
          lines.add(line);
          commands.add(words(line));
        }
      }
    }
    return new ShellScript(commands, lines, files);
  }

  /** Splits on blanks outside quotes, and removes the quotes. */
  static List<String> words(String line) {
    List<String> words = new ArrayList<>();
    StringBuilder word = new StringBuilder();
    boolean inWord = false;
    char quote = 0;
    for (char c : line.toCharArray()) {
      if (quote != 0) {
        if (c == quote) {
          quote = 0;
        } else {
          word.append(c);
        }
      } else if (c == '\'' || c == '"') {
        quote = c;
        inWord = true;
      } else if (Character.isWhitespace(c)) {
        if (inWord) {
          words.add(word.toString());
          word.setLength(0);
          inWord = false;
        }
      } else {
        word.append(c);
        inWord = true;
      }
    }
    if (quote != 0) {
      throw new IllegalArgumentException("unclosed quote in: " + line);
    }
    if (inWord) {
      words.add(word.toString());
    }
    return words;
  }
}
