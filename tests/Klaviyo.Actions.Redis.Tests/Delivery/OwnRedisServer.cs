using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using StackExchange.Redis;

namespace Klaviyo.Actions.Redis.Tests.Delivery;

/// <summary>
/// A <c>redis-server</c> of the test's own, on a free port, with every write synced to its append-only file, so it can
/// be killed and started again with its data. Ignored with a message outside CI when <c>redis-server</c> is missing.
/// </summary>
internal sealed class OwnRedisServer : IAsyncDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("klaviyo-actions-redis-").FullName;
    private Process? _process;

    private OwnRedisServer(int port) => Port = port;

    public int Port { get; }

    public string Configuration => $"127.0.0.1:{Port},abortConnect=false,connectTimeout=1000,syncTimeout=2000,asyncTimeout=2000,connectRetry=1";

    public static async Task<OwnRedisServer> StartAsync()
    {
        var server = new OwnRedisServer(FreePort());
        try
        {
            await server.RestartAsync();
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            string message = "redis-server is not installed (" + e.Message + "); run .ci/setup-redis.sh.";
            if (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
            {
                Assert.Fail(message);
            }

            Assert.Ignore(message);
        }

        return server;
    }

    /// <summary>Starts the server (again) on its port and directory, and returns once it answers PING.</summary>
    public async Task RestartAsync()
    {
        var start = new ProcessStartInfo("redis-server")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string arg in new[] { "--port", Port.ToString(), "--bind", "127.0.0.1", "--dir", _directory, "--appendonly", "yes", "--appendfsync", "always", "--save", "" })
        {
            start.ArgumentList.Add(arg);
        }

        _process = Process.Start(start)!;
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        var options = ConfigurationOptions.Parse($"127.0.0.1:{Port}");
        options.AbortOnConnectFail = true;
        for (int attempt = 0; ; attempt++)
        {
            try
            {
                await using var probe = await ConnectionMultiplexer.ConnectAsync(options);
                await probe.GetDatabase().PingAsync();
                return;
            }
            catch (RedisConnectionException) when (attempt < 100 && !_process.HasExited)
            {
                await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromMilliseconds(100)).ContinueWith(_ => { }); // the server is still starting
            }
        }
    }

    /// <summary>Kills the server (SIGKILL); what it acknowledged is in its append-only file.</summary>
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
        Directory.Delete(_directory, recursive: true);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
