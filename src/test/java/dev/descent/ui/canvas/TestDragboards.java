package dev.descent.ui.canvas;

import com.sun.javafx.scene.input.DragboardHelper;
import com.sun.javafx.tk.TKClipboard;
import dev.descent.ui.palette.Tile;
import java.lang.reflect.Proxy;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.Map;
import javafx.scene.input.DataFormat;
import javafx.scene.input.Dragboard;
import javafx.scene.input.TransferMode;
import javafx.util.Pair;

/**
 * Real {@link Dragboard}s for synthetic drag events. A dragboard can only be made by JavaFX itself, on a
 * toolkit clipboard, and outside a drag gesture the toolkit hands none out, so this builds one over an
 * in-memory {@link TKClipboard} that offers copy and move, as a palette drag does. (Whole drags with the
 * mouse, which get the toolkit's own dragboard, are in {@link PaletteTileDragTest}.) Uses JavaFX internals (on the
 * class path in tests, so reachable); if a JavaFX update breaks it, the other drop tests still hold.
 */
final class TestDragboards {
    private TestDragboards() {
    }

    /** A dragboard holding {@code tile} under {@link Tile#FORMAT}, as the palette puts it. FX thread. */
    static Dragboard carrying(Tile tile) {
        Map<DataFormat, Object> content = new HashMap<>();
        TKClipboard peer = (TKClipboard) Proxy.newProxyInstance(TKClipboard.class.getClassLoader(),
                new Class<?>[] {TKClipboard.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "putContent" -> {
                        for (Object o : (Object[]) args[0]) {
                            Pair<?, ?> pair = (Pair<?, ?>) o;
                            content.put((DataFormat) pair.getKey(), pair.getValue());
                        }
                        yield true;
                    }
                    case "getContent" -> content.get(args[0]);
                    case "hasContent" -> content.containsKey(args[0]);
                    case "getContentTypes" -> content.keySet();
                    case "getTransferModes" -> EnumSet.of(TransferMode.COPY, TransferMode.MOVE);
                    case "getDragViewOffsetX", "getDragViewOffsetY" -> 0.0;
                    case "hashCode" -> System.identityHashCode(proxy);
                    case "equals" -> proxy == args[0];
                    case "toString" -> "test dragboard";
                    default -> null;
                });
        Dragboard board = DragboardHelper.createDragboard(peer);
        board.setContent(Map.of(Tile.FORMAT, tile.encode()));
        return board;
    }
}
