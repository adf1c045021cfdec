package dev.descent.testing;

import java.util.Map;
import java.util.TreeMap;
import java.util.prefs.AbstractPreferences;

/**
 * A {@link java.util.prefs.Preferences} tree that lives in memory only, for tests: the window's theme and
 * recent files read and write it as they would the user's node, and nothing reaches the user's real
 * preferences (where each test run used to leave a {@code dev/descent/test-<nanos>} node behind).
 */
public final class MemoryPreferences extends AbstractPreferences {
    private final Map<String, String> values = new TreeMap<>();
    private final Map<String, MemoryPreferences> children = new TreeMap<>();

    /** A new, empty root. */
    public MemoryPreferences() {
        this(null, "");
    }

    private MemoryPreferences(MemoryPreferences parent, String name) {
        super(parent, name);
    }

    @Override
    protected void putSpi(String key, String value) {
        values.put(key, value);
    }

    @Override
    protected String getSpi(String key) {
        return values.get(key);
    }

    @Override
    protected void removeSpi(String key) {
        values.remove(key);
    }

    @Override
    protected void removeNodeSpi() {
        values.clear();
        if (parent() instanceof MemoryPreferences p) {
            p.children.remove(name());
        }
    }

    @Override
    protected String[] keysSpi() {
        return values.keySet().toArray(String[]::new);
    }

    @Override
    protected String[] childrenNamesSpi() {
        return children.keySet().toArray(String[]::new);
    }

    @Override
    protected AbstractPreferences childSpi(String name) {
        return children.computeIfAbsent(name, n -> new MemoryPreferences(this, n));
    }

    @Override
    protected void syncSpi() {
        // nothing to sync: memory is the store
    }

    @Override
    protected void flushSpi() {
        // nothing to flush
    }
}
