using System.Diagnostics;

namespace VectorBacktest.Tests.Storage;

/// <summary>A <c>dotnet vbt.dll …</c> child process with its output captured.</summary>
internal sealed class VbtProcess
{
    private readonly Process _process;
    private readonly System.Text.StringBuilder _output = new();
    private readonly System.Text.StringBuilder _error = new();
    private readonly object _gate = new();

    private VbtProcess(Process process) => _process = process;

    public string Output { get { lock (_gate) return _output.ToString(); } }
    public string Error { get { lock (_gate) return _error.ToString(); } }

    public static VbtProcess Start(params string[] args) => StartIn(null, null, args);

    /// <summary>Starts vbt in <paramref name="directory"/> (the test's when null) with <c>VBT_STORE</c> set to <paramref name="storeVariable"/> (unset when null).</summary>
    public static VbtProcess StartIn(string? directory, string? storeVariable, params string[] args)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = directory ?? Environment.CurrentDirectory,
        };
        info.ArgumentList.Add(CliAssembly());
        foreach (var a in args)
            info.ArgumentList.Add(a);
        info.Environment["NO_COLOR"] = "1";
        info.Environment["COLUMNS"] = "240";
        if (storeVariable is null)
            info.Environment.Remove("VBT_STORE");
        else
            info.Environment["VBT_STORE"] = storeVariable;
        var child = new VbtProcess(new Process { StartInfo = info });
        child._process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (child._gate) child._output.AppendLine(e.Data); };
        child._process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (child._gate) child._error.AppendLine(e.Data); };
        child._process.Start();
        child._process.BeginOutputReadLine();
        child._process.BeginErrorReadLine();
        return child;
    }

    public bool WaitForError(string text, TimeSpan limit)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < limit)
        {
            if (Error.Contains(text, StringComparison.Ordinal))
                return true;
            if (_process.HasExited)
                return Error.Contains(text, StringComparison.Ordinal);
            Thread.Sleep(20);
        }
        return false;
    }

    public int Exit(TimeSpan limit)
    {
        if (!_process.WaitForExit(limit))
        {
            _process.Kill(entireProcessTree: true);
            Assert.Fail($"vbt did not exit within {limit}; stdout: {Output} stderr: {Error}");
        }
        _process.WaitForExit();
        return _process.ExitCode;
    }

    private static string CliAssembly()
    {
        // The test project references the CLI, so vbt.dll and its runtimeconfig/deps sit beside the tests.
        var path = Path.Combine(AppContext.BaseDirectory, "vbt.dll");
        Assert.True(File.Exists(path) && File.Exists(Path.ChangeExtension(path, ".runtimeconfig.json")),
            "vbt.dll (with vbt.runtimeconfig.json) not found next to the tests: " + path);
        return path;
    }
}
