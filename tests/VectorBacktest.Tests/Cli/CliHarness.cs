using System.CommandLine;
using Spectre.Console;

namespace VectorBacktest.Tests.Cli;

/// <summary>Runs a <c>vbt</c> command in-process, capturing what it writes.</summary>
internal static class CliHarness
{
    private static readonly object ConsoleLock = new();

    /// <summary>Parses and invokes <paramref name="args"/> against <paramref name="command"/> under a root command.</summary>
    public static (int ExitCode, string Output, string Error) Run(Command command, params string[] args)
    {
        var root = new RootCommand("test") { command };
        lock (ConsoleLock)
        {
            var stdout = Console.Out;
            var stderr = Console.Error;
            var console = AnsiConsole.Console;
            // Not disposed: a test on another thread may read Console.Out while it points here and write to it later (FsCheck's
            // runner does); a StringWriter holds nothing to release.
            var output = new StringWriter();
            var error = new StringWriter();
            Console.SetOut(output);
            Console.SetError(error);
            // Spectre's static console binds to the writer it first sees; commands write through it.
            AnsiConsole.Console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(output), Ansi = AnsiSupport.No });
            try
            {
                int code = root.Parse(args).Invoke(new InvocationConfiguration { Output = output, Error = error });
                return (code, output.ToString(), error.ToString());
            }
            finally
            {
                Console.SetOut(stdout);
                Console.SetError(stderr);
                AnsiConsole.Console = console;
            }
        }
    }
}
