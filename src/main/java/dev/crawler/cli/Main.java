package dev.crawler.cli;

import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point of the {@code crawler} command; the only place that calls {@code System.exit}. */
@Command(
        name = "crawler",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "A polite, concurrent web crawler.",
        subcommands = {CommandLine.HelpCommand.class},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:the crawl ran to its end (some URLs may have failed: see the summary)",
            "1:the crawl could not go on (output failed, shared frontier lost, internal error)",
            "2:bad usage, configuration, seed file or output path",
            "3:no seed was a valid URL",
            "4:out of memory: the crawl stopped; its output is whole so far (FILE.part)",
            "130:stopped by Ctrl-C (143 for SIGTERM); output and summary are complete so far"
        })
public final class Main implements Runnable {
    private final Console console;

    Main(Console console) {
        this.console = console;
    }

    /** Runs the CLI and exits with its exit code. */
    public static void main(String[] args) {
        Console console = Console.system();
        // the crawl's own threads stop it on an error; any other thread out of memory (the HTTP
        // client's) leaves the process unable to go on: exit with the documented code, through
        // the shutdown hook that stops the crawl and closes its output whole, as on SIGTERM
        Thread.setDefaultUncaughtExceptionHandler(
                (thread, e) -> {
                    if (e instanceof OutOfMemoryError) {
                        console.err().println("error: out of memory in " + thread.getName());
                        System.exit(ExitCodes.OUT_OF_MEMORY);
                    }
                    console.err().println("error: " + thread.getName() + " failed");
                    e.printStackTrace(console.err());
                });
        int code = run(console, args);
        if (!console.shuttingDown().get()) {
            System.exit(code); // not from inside a shutdown: that would block forever
        }
    }

    /** Runs the CLI with the given streams and returns the exit code; for tests. */
    static int run(Console console, String... args) {
        CommandLine cli = new CommandLine(new Main(console));
        cli.addSubcommand("crawl", new CrawlCommand(console));
        cli.addSubcommand("demo", new DemoCommand(console));
        cli.addSubcommand("serve", new ServeCommand(console));
        cli.addSubcommand("serve-site", new ServeSiteCommand(console));
        cli.addSubcommand("bench", new BenchCommand(console));
        cli.addSubcommand("bench-raw", new BenchRawCommand());
        cli.addSubcommand("bench-state", new BenchStateCommand(console));
        cli.addSubcommand("cluster", new ClusterCommand(console));
        cli.setResourceBundle(new SettingsHelp()); // flags named like settings: their help
        cli.setOut(
                new PrintWriter(
                        new OutputStreamWriter(console.out(), console.out().charset()), true));
        cli.setErr(
                new PrintWriter(
                        new OutputStreamWriter(console.err(), console.err().charset()), true));
        // a bad flag or value: one line and where to look, not the whole usage
        cli.setParameterExceptionHandler(
                (e, arguments) -> {
                    CommandLine where = e.getCommandLine();
                    console.err().println("error: " + e.getMessage());
                    console.err()
                            .println("see '" + where.getCommandSpec().qualifiedName() + " --help'");
                    return ExitCodes.USAGE;
                });
        cli.setExecutionExceptionHandler(
                (e, cmd, parsed) -> {
                    console.err().println("error: " + e);
                    e.printStackTrace(console.err());
                    return ExitCodes.CRAWL_ERROR;
                });
        return cli.execute(args);
    }

    @Override
    public void run() {
        new CommandLine(this).usage(console.err());
    }
}
