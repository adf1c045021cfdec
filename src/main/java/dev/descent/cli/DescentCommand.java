package dev.descent.cli;

import dev.descent.engine.Engine;
import dev.descent.engine.vocab.Shown;
import java.io.PrintWriter;
import java.nio.file.Path;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code descent} command: headless training, trajectories, data generation and validation. */
@Command(name = "descent", mixinStandardHelpOptions = true, versionProvider = DescentCommand.Version.class,
        description = "Descent, a workbench for deep-learning optimization methods. Without a command, opens the window.",
        subcommands = {RunCommand.class, TrajectoryCommand.class, GenerateCommand.class, ValidateCommand.class,
                RecoverCommand.class, ExportCommand.class, MergeCommand.class, LessonCommand.class, LrRangeCommand.class,
                CommandLine.HelpCommand.class},
        footer = {"", "Exit codes: 0 success (a diverged run is a result), 2 bad input, 1 internal error."})
public final class DescentCommand implements Runnable {

    /** Characters of a message from picocli kept (it may echo a long argument twice). */
    private static final int MAX_MESSAGE_CHARS = 400;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** Runs the command line and returns the exit code. */
    public static int execute(String[] args, PrintWriter out, PrintWriter err) {
        try {
            Engine.checkSettings();
        } catch (Engine.InvalidSettingException e) {
            err.println(Shown.escaped(e.line()));
            err.flush();
            return 2;
        }
        CommandLine line = new CommandLine(new DescentCommand());
        line.registerConverter(Path.class, DescentCommand::path);
        line.setOut(out);
        line.setErr(err);
        line.setParameterExceptionHandler((ex, a) -> {
            err.println(parseErrorLine(ex));
            err.flush();
            return 2;
        });
        line.setExecutionExceptionHandler((ex, cmd, parsed) -> {
            if (ex instanceof BadInputException bad) {
                bad.lines().forEach(err::println);
                err.flush();
                return 2;
            }
            err.println(Shown.escaped("error: internal error: " + ex));
            if (System.getenv("DESCENT_DEBUG") != null) {
                ex.printStackTrace(err);
            }
            err.flush();
            return 1;
        });
        int code = line.execute(args);
        out.flush();
        err.flush();
        return code;
    }

    /**
     * A command line picocli could not parse, as the one line every bad input gets:
     * {@code error: <where>: <what>; <what is valid>}. Where is the option at fault if there is one,
     * otherwise the command ({@code descent} itself, or {@code run}, {@code generate}, ...).
     */
    static String parseErrorLine(CommandLine.ParameterException ex) {
        CommandLine command = ex.getCommandLine();
        String name = command.getCommandName();
        String help = "see '" + command.getCommandSpec().qualifiedName() + " --help'";
        String where = name;
        String what;
        if (ex instanceof CommandLine.UnmatchedArgumentException unmatched && !unmatched.getUnmatched().isEmpty()) {
            String first = unmatched.getUnmatched().get(0);
            if (first.startsWith("-")) {
                what = "unknown option " + Shown.quoted(first) + "; " + help + " for the valid ones";
            } else if (!command.getSubcommands().isEmpty()) {
                what = "unknown command " + Shown.quoted(first) + "; valid commands are "
                        + String.join(", ", command.getSubcommands().keySet());
            } else {
                what = "unexpected argument " + Shown.quoted(first) + "; " + help;
            }
        } else if (ex.getArgSpec() instanceof CommandLine.Model.OptionSpec option
                && !(ex instanceof CommandLine.MissingParameterException)) {
            where = option.longestName();
            what = withoutPrefix(oneLine(ex.getMessage()), "Invalid value for option '" + where + "': ") + "; " + help;
        } else if (ex.getArgSpec() instanceof CommandLine.Model.PositionalParamSpec positional
                && !(ex instanceof CommandLine.MissingParameterException)) {
            where = positional.paramLabel();
            String message = oneLine(ex.getMessage());
            int colon = message.indexOf("): ");
            what = (message.startsWith("Invalid value for positional parameter") && colon > 0
                    ? message.substring(colon + 3) : decapitalized(message)) + "; " + help;
        } else {
            what = decapitalized(withoutPrefix(oneLine(ex.getMessage()), "Error: ")) + "; " + help;
        }
        return BadInputException.line(where, Shown.text(what, MAX_MESSAGE_CHARS));
    }

    private static String withoutPrefix(String message, String prefix) {
        return message.startsWith(prefix) ? message.substring(prefix.length()) : decapitalized(message);
    }

    private static String oneLine(String text) {
        return text == null ? "" : text.strip().replaceAll("\\s*\\R\\s*", "; ");
    }

    private static String decapitalized(String text) {
        return text.isEmpty() ? text : Character.toLowerCase(text.charAt(0)) + text.substring(1);
    }

    /**
     * A path from the command line; one holding a control character (a NUL, a line break) is refused
     * with a readable reason instead of Java's InvalidPathException.
     */
    static Path path(String text) {
        String control = Shown.firstControl(text);
        if (control != null) {
            throw new CommandLine.TypeConversionException("the path " + Shown.quoted(text) + " holds the control character "
                    + control + "; give a path without control characters");
        }
        try {
            return Path.of(text);
        } catch (java.nio.file.InvalidPathException e) {
            throw new CommandLine.TypeConversionException("not a valid path: " + Shown.quoted(text) + " (" + e.getReason() + ")");
        }
    }

    /** Version from the jar manifest. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = DescentCommand.class.getPackage().getImplementationVersion();
            return new String[]{"Descent " + (v == null ? "(development build)" : v)};
        }
    }
}
