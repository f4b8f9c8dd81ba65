using Klaviyo.Actions.WebSample.Emulation;

namespace Klaviyo.Actions.WebSample.Endpoints;

/// <summary>
/// <c>GET /emulator</c>: where the built-in Klaviyo emulator listens and where its inspection API is
/// (<c>/__emulator/profiles</c>, <c>/__emulator/events</c>, ...); 404 when sending to a real Klaviyo account.
/// </summary>
internal static class EmulatorEndpoints
{
    public static IEndpointRouteBuilder MapEmulatorInfo(this IEndpointRouteBuilder app)
    {
        app.MapGet("/emulator", (SampleEmulator sample) => sample.Emulator is { } emulator
            ? Results.Json(new EmulatorBody(emulator.BaseAddress.AbsoluteUri, new Uri(emulator.BaseAddress, "__emulator/").AbsoluteUri))
            : Results.Json(new NoEmulatorBody("A Klaviyo API key is configured: messages go to Klaviyo, no emulator is running."), statusCode: StatusCodes.Status404NotFound));
        return app;
    }

    private sealed record EmulatorBody(string BaseAddress, string InspectionAddress);

    private sealed record NoEmulatorBody(string Message);
}
