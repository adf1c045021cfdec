package dev.descent.ui.app;

import java.io.File;
import java.nio.file.Path;
import java.util.List;
import javafx.stage.FileChooser;
import javafx.stage.Window;

/**
 * Asks the user for a file to open or to save to. The window uses the system's file chooser; tests put
 * an answer in its place ({@link MainWindow#setFileDialogs}) and so drive Open, Save As and the exports
 * through the window's own code.
 */
@FunctionalInterface
public interface FileDialogs {

    /** Open an existing file, name one to write, or choose a directory (the filters are ignored). */
    enum Mode { OPEN, SAVE, DIRECTORY }

    /**
     * What the window asks for.
     *
     * @param mode             open or save
     * @param title            the dialog's title
     * @param initialDirectory where the dialog starts, or null
     * @param initialName      the suggested file name (save), or null
     * @param filters          file types offered, the first selected
     */
    record Request(Mode mode, String title, Path initialDirectory, String initialName,
                   List<FileChooser.ExtensionFilter> filters) {
        public Request {
            filters = List.copyOf(filters);
        }
    }

    /** The file chosen, or null if the user cancelled. */
    Path choose(Window owner, Request request);

    /** The system's file chooser. */
    static FileDialogs system() {
        return (owner, request) -> {
            if (request.mode() == Mode.DIRECTORY) {
                javafx.stage.DirectoryChooser directories = new javafx.stage.DirectoryChooser();
                directories.setTitle(request.title());
                if (request.initialDirectory() != null && request.initialDirectory().toFile().isDirectory()) {
                    directories.setInitialDirectory(request.initialDirectory().toFile());
                }
                File chosen = directories.showDialog(owner);
                return chosen == null ? null : chosen.toPath();
            }
            FileChooser chooser = new FileChooser();
            chooser.setTitle(request.title());
            chooser.getExtensionFilters().addAll(request.filters());
            if (request.initialDirectory() != null && request.initialDirectory().toFile().isDirectory()) {
                chooser.setInitialDirectory(request.initialDirectory().toFile());
            }
            if (request.initialName() != null) {
                chooser.setInitialFileName(request.initialName());
            }
            File chosen = request.mode() == Mode.OPEN ? chooser.showOpenDialog(owner) : chooser.showSaveDialog(owner);
            return chosen == null ? null : chosen.toPath();
        };
    }
}
