package dev.descent.ui.lessons;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javafx.scene.Node;
import javafx.scene.text.Text;
import javafx.scene.text.TextFlow;
import javafx.scene.layout.VBox;

/**
 * The little Markdown lessons are written in, as JavaFX text: paragraphs separated by an empty line,
 * lines starting with {@code - } as a bulleted list, {@code **bold**}, {@code *italic*} and
 * {@code `code`}. Anything else is shown as written.
 */
final class MarkdownText {
    static final String PARAGRAPH = "lesson-paragraph";
    static final String BULLET = "lesson-bullet";
    static final String BOLD = "lesson-bold";
    static final String ITALIC = "lesson-italic";
    static final String CODE = "lesson-code";

    private static final Pattern INLINE = Pattern.compile("\\*\\*(.+?)\\*\\*|`(.+?)`|\\*(.+?)\\*");

    private MarkdownText() {
    }

    /** The text as a column of paragraphs and list items. */
    static VBox render(String markdown) {
        VBox box = new VBox();
        box.getStyleClass().add("lesson-text");
        for (Block block : blocks(markdown)) {
            TextFlow flow = new TextFlow();
            flow.getStyleClass().add(block.bullet() ? BULLET : PARAGRAPH);
            if (block.bullet()) {
                flow.getChildren().add(styled("•  ", null));
            }
            flow.getChildren().addAll(inline(block.text()));
            box.getChildren().add(flow);
        }
        return box;
    }

    /** A paragraph or a list item, its lines joined by spaces. */
    record Block(String text, boolean bullet) {
    }

    /** The blocks of {@code markdown}: paragraphs split at empty lines, and one block per list item. */
    static List<Block> blocks(String markdown) {
        List<Block> blocks = new ArrayList<>();
        StringBuilder paragraph = new StringBuilder();
        boolean bullet = false;
        for (String raw : markdown.split("\n", -1)) {
            String line = raw.strip();
            boolean item = line.startsWith("- ");
            if (line.isEmpty() || item) {
                if (paragraph.length() > 0) {
                    blocks.add(new Block(paragraph.toString(), bullet));
                    paragraph.setLength(0);
                }
                bullet = item;
                if (item) {
                    paragraph.append(line.substring(2).strip());
                }
                continue;
            }
            if (paragraph.length() > 0) {
                paragraph.append(' ');
            }
            paragraph.append(line);
        }
        if (paragraph.length() > 0) {
            blocks.add(new Block(paragraph.toString(), bullet));
        }
        return blocks;
    }

    /** Text runs of one block, styled by its inline marks. */
    static List<Node> inline(String text) {
        List<Node> runs = new ArrayList<>();
        Matcher m = INLINE.matcher(text);
        int at = 0;
        while (m.find()) {
            if (m.start() > at) {
                runs.add(styled(text.substring(at, m.start()), null));
            }
            if (m.group(1) != null) {
                runs.add(styled(m.group(1), BOLD));
            } else if (m.group(2) != null) {
                runs.add(styled(m.group(2), CODE));
            } else {
                runs.add(styled(m.group(3), ITALIC));
            }
            at = m.end();
        }
        if (at < text.length()) {
            runs.add(styled(text.substring(at), null));
        }
        return runs;
    }

    private static Text styled(String text, String style) {
        Text t = new Text(text);
        t.getStyleClass().add("lesson-run");
        if (style != null) {
            t.getStyleClass().add(style);
        }
        return t;
    }
}
