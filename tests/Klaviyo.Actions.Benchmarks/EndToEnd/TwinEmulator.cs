using Klaviyo.Actions.Testing;

namespace Klaviyo.Actions.Benchmarks.EndToEnd;

/// <summary>
/// The emulator run (c) posts to. Replaying into (a)'s own emulator afterwards would meet every profile and event
/// already stored (updates and duplicates instead of creations), which is less work than (a) caused. The twin is
/// started with the same seed and given the lists (a) started with, in the same order, so it hands out the same list
/// ids and the replay meets the state (a) met.
/// </summary>
internal static class TwinEmulator
{
    /// <summary>Starts an emulator whose ids repeat for the same seed.</summary>
    public static Task<KlaviyoEmulator> StartAsync(int seed, CancellationToken cancellationToken) =>
        KlaviyoEmulator.StartAsync(new KlaviyoEmulatorOptions { Seed = seed }, cancellationToken);

    /// <summary>
    /// Creates <paramref name="source"/>'s lists on <paramref name="twin"/> (both started with the same seed, the twin
    /// untouched); <see langword="false"/> when the twin's ids differ, so recorded list ids would not resolve there.
    /// </summary>
    public static bool TryMirrorLists(KlaviyoEmulator source, KlaviyoEmulator twin)
    {
        foreach (var list in source.Lists)
        {
            if (twin.CreateList(list.Name, list.OptInProcess).Id != list.Id)
            {
                return false;
            }
        }

        return true;
    }
}
