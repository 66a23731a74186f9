using System.Diagnostics;

namespace Coworker.Tests.Deployment;

/// <summary>Runs the real `coworker` executable (copied next to the tests by the project reference) as an operator would.</summary>
internal static class CoworkerCli
{
    public sealed record Result(int ExitCode, string Output, string Error);

    /// <param name="environment">Variables to set (a null value removes the variable the test process has).</param>
    public static async Task<Result> RunAsync(IReadOnlyDictionary<string, string?> environment, params string[] args)
    {
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "coworker.dll"));
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        foreach (var (key, value) in environment)
        {
            if (value is null)
            {
                start.Environment.Remove(key);
            }
            else
            {
                start.Environment[key] = value;
            }
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            // A hung command must not outlive the test run; what it printed says where it hung.
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
            Assert.Fail($"coworker {string.Join(' ', args)} did not exit within 2 minutes. stdout: {await output} stderr: {await error}");
        }

        return new Result(process.ExitCode, await output, await error);
    }
}
