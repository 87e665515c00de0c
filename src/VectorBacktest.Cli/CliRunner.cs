using Spectre.Console;
using VectorBacktest.Data;

namespace VectorBacktest.Cli;

/// <summary>Runs a command body and turns the errors a user can cause into a message and an exit code.</summary>
internal static class CliRunner
{
    /// <summary>Exit code of a command that succeeded.</summary>
    public const int Ok = 0;
    /// <summary>Exit code when the input data or a file is bad.</summary>
    public const int DataError = 1;
    /// <summary>Exit code when an argument is bad.</summary>
    public const int UsageError = 2;

    public static int Run(Func<int> body)
    {
        try
        {
            return body();
        }
        catch (BarDataException e) { return Fail(e.Message, DataError); }
        catch (FileNotFoundException e) { return Fail(e.Message, DataError); }
        catch (DirectoryNotFoundException e) { return Fail(e.Message, DataError); }
        catch (IOException e) { return Fail(e.Message, DataError); }
        catch (UnauthorizedAccessException e) { return Fail(e.Message, DataError); }
        catch (ArgumentException e) { return Fail(e.Message, UsageError); }
        catch (FormatException e) { return Fail(e.Message, UsageError); }
    }

    public static async Task<int> RunAsync(Func<Task<int>> body)
    {
        try
        {
            return await body().ConfigureAwait(false);
        }
        catch (HttpRequestException e) { return Fail(e.Message, DataError); }
        catch (BarDataException e) { return Fail(e.Message, DataError); }
        catch (IOException e) { return Fail(e.Message, DataError); }
        catch (ArgumentException e) { return Fail(e.Message, UsageError); }
        catch (FormatException e) { return Fail(e.Message, UsageError); }
    }

    private static int Fail(string message, int code)
    {
        var err = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });
        err.MarkupLine("[red]error:[/] " + Markup.Escape(message));
        return code;
    }
}
