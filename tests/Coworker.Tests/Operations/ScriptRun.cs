using System.Diagnostics;
using System.Text;

namespace Coworker.Tests.Operations;

/// <summary>A running script: its output line by line, its stderr kept for failure messages.</summary>
internal sealed class ScriptRun(Process process) : IDisposable
{
    private readonly StringBuilder _errors = Collect(process);

    public Process Process { get; } = process;

    public string Errors
    {
        get
        {
            lock (_errors)
            {
                return _errors.ToString();
            }
        }
    }

    /// <summary>The NAME=value lines the script prints before a line "READY".</summary>
    public async Task<Dictionary<string, string>> ReadUntilReadyAsync(TimeSpan timeout)
    {
        var values = new Dictionary<string, string>();
        using var wait = new CancellationTokenSource(timeout);
        while (true)
        {
            string? line;
            try
            {
                line = await Process.StandardOutput.ReadLineAsync(wait.Token);
            }
            catch (OperationCanceledException)
            {
                Assert.Fail($"the script was not ready within {timeout.TotalSeconds} s; stderr: {Errors}");
                throw;
            }

            Assert.True(line is not null, $"the script ended before it was ready (exit code {ExitCode()}); stderr: {Errors}");
            if (line == "READY")
            {
                return values;
            }

            if (line.IndexOf('=', StringComparison.Ordinal) is > 0 and var at)
            {
                values[line[..at]] = line[(at + 1)..];
            }
        }
    }

    /// <summary>Waits for the script to end (generously: it stops servers); a script that hangs fails the test and is killed.</summary>
    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        using var wait = new CancellationTokenSource(timeout);
        try
        {
            await Process.WaitForExitAsync(wait.Token);
        }
        catch (OperationCanceledException)
        {
            Process.Kill(entireProcessTree: true);
            Assert.Fail($"the script did not end within {timeout.TotalSeconds} s; stderr: {Errors}");
        }

        return Process.ExitCode;
    }

    public void Dispose()
    {
        if (!Process.HasExited)
        {
            Process.Kill(entireProcessTree: true);
        }

        Process.Dispose();
    }

    private int? ExitCode() => Process.WaitForExit(TimeSpan.FromSeconds(5)) ? Process.ExitCode : null;

    private static StringBuilder Collect(Process process)
    {
        var errors = new StringBuilder();
        process.ErrorDataReceived += (_, e) =>
        {
            lock (errors)
            {
                errors.AppendLine(e.Data);
            }
        };
        process.BeginErrorReadLine();
        return errors;
    }
}
