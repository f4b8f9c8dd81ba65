using System.ComponentModel;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using StackExchange.Redis;

namespace Klaviyo.Actions.Redis.Tests;

/// <summary>
/// A <c>redis-server</c> of the test's own on a free loopback port, that the test can kill (like a crash) and start
/// again on the same port. Durable: every write synced to an append-only file, so a restart keeps what was
/// acknowledged; otherwise no persistence. Without the binary the test is ignored with a message (it fails under
/// <c>CI=true</c>).
/// </summary>
internal sealed class OwnRedisServer : IAsyncDisposable
{
    private readonly int _port;
    private readonly string? _directory;
    private Process? _process;

    private OwnRedisServer(int port, bool durable)
    {
        _port = port;
        _directory = durable ? Directory.CreateTempSubdirectory("klaviyo-actions-redis-").FullName : null;
    }

    public string Configuration => $"127.0.0.1:{_port}";

    /// <summary>Starts a server and waits until it accepts connections.</summary>
    /// <param name="durable">Sync every write to an append-only file so a restart keeps the data.</param>
    public static async Task<OwnRedisServer> StartAsync(bool durable = false)
    {
        var server = new OwnRedisServer(FreePort(), durable);
        await server.RestartAsync();
        return server;
    }

    /// <summary>A connection that fails fast while the server is down and reconnects quickly once it is back.</summary>
    public async Task<ConnectionMultiplexer> ConnectAsync()
    {
        var options = ConfigurationOptions.Parse(Configuration);
        options.AbortOnConnectFail = false;
        options.BacklogPolicy = BacklogPolicy.FailFast;
        options.ReconnectRetryPolicy = new LinearRetry(100);
        options.ConnectTimeout = 2000;
        options.SyncTimeout = 2000;
        options.AsyncTimeout = 2000;
        options.ConnectRetry = 1;
        return await ConnectionMultiplexer.ConnectAsync(options);
    }

    /// <summary>Starts the server (again) on its port (and directory) and waits until it accepts connections.</summary>
    public async Task RestartAsync()
    {
        var start = new ProcessStartInfo("redis-server")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        var arguments = _directory is null
            ? new[] { "--port", _port.ToString(), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no" }
            : ["--port", _port.ToString(), "--bind", "127.0.0.1", "--dir", _directory, "--appendonly", "yes", "--appendfsync", "always", "--save", ""];
        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        try
        {
            _process = Process.Start(start) ?? throw new InvalidOperationException("redis-server did not start.");
        }
        catch (Win32Exception e)
        {
            string message = $"redis-server is not installed ({e.Message}); run .ci/setup-redis.sh.";
            if (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
            {
                Assert.Fail(message);
            }

            Assert.Ignore(message);
            throw;
        }

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        while (await _process.StandardOutput.ReadLineAsync(timeout.Token) is { } line)
        {
            if (line.Contains("Ready to accept connections", StringComparison.Ordinal))
            {
                _ = _process.StandardOutput.ReadToEndAsync(CancellationToken.None);
                return;
            }
        }

        Assert.Fail($"redis-server on port {_port} exited before accepting connections: {await _process.StandardError.ReadToEndAsync(timeout.Token)}");
    }

    /// <summary>Kills the server (SIGKILL, like a crash) and waits for it to exit.</summary>
    public async Task KillAsync()
    {
        if (_process is { HasExited: false } process)
        {
            process.Kill();
            await process.WaitForExitAsync();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        _process?.Dispose();
        if (_directory is not null)
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
