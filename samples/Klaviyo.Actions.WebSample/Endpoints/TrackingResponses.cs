using Klaviyo.Actions.WebSample.Ingestion;

namespace Klaviyo.Actions.WebSample.Endpoints;

/// <summary>Segment-like answers: <c>{"success":true}</c>, or <c>{"success":false,"code":...,"message":...}</c>.</summary>
internal static class TrackingResponses
{
    public static IResult Success() => Results.Json(new SuccessBody(true), statusCode: StatusCodes.Status200OK);

    public static IResult Problem(TrackingProblem problem) =>
        Results.Json(new ErrorBody(false, problem.Code, problem.Message), statusCode: problem.StatusCode);

    private sealed record SuccessBody(bool Success);

    private sealed record ErrorBody(bool Success, string Code, string Message);
}
