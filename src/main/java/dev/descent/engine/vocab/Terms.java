package dev.descent.engine.vocab;

import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

/** Lookups over the vocabulary enums by the names used in files, the CLI and the window. */
public final class Terms {
    private Terms() {
    }

    /** The entry of {@code kind} called {@code id}, if there is one. */
    public static <T extends Enum<T> & Term> Optional<T> byId(Class<T> kind, String id) {
        return Arrays.stream(kind.getEnumConstants()).filter(t -> t.id().equals(id)).findFirst();
    }

    /** All names of {@code kind}, comma separated, for "valid names are ..." messages. */
    public static <T extends Enum<T> & Term> String ids(Class<T> kind) {
        return Arrays.stream(kind.getEnumConstants()).map(Term::id).collect(Collectors.joining(", "));
    }
}
