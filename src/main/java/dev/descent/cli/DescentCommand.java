package dev.descent.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code descent} command: headless training, trajectories, data generation and validation. */
@Command(name = "descent", mixinStandardHelpOptions = true, versionProvider = DescentCommand.Version.class,
        description = "Descent, a workbench for deep-learning optimization methods. Without a command, opens the window.",
        subcommands = {RunCommand.class, TrajectoryCommand.class, GenerateCommand.class, ValidateCommand.class,
                CommandLine.HelpCommand.class},
        footer = {"", "Exit codes: 0 success (a diverged run is a result), 2 bad input, 1 internal error."})
public final class DescentCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** Runs the command line and returns the exit code. */
    public static int execute(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine line = new CommandLine(new DescentCommand());
        line.setOut(out);
        line.setErr(err);
        line.setParameterExceptionHandler((ex, a) -> {
            String name = commandName(ex.getCommandLine());
            err.println("error: " + ex.getMessage() + " (see 'descent " + (name.isEmpty() ? "" : name + " ") + "--help')");
            err.flush();
            return 2;
        });
        line.setExecutionExceptionHandler((ex, cmd, parsed) -> {
            if (ex instanceof BadInputException bad) {
                err.println(bad.line());
                err.flush();
                return 2;
            }
            err.println("error: internal error: " + ex);
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

    private static String commandName(CommandLine line) {
        String name = line.getCommandName();
        return "descent".equals(name) ? "" : name;
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
