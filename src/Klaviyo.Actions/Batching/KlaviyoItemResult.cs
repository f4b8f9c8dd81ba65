namespace Klaviyo.Actions.Batching;

/// <summary>One item of a <see cref="KlaviyoBatchResult{TRequest}"/>: its input position, request and outcome.</summary>
/// <typeparam name="TRequest">The request type.</typeparam>
/// <param name="Index">The item's position in the input.</param>
/// <param name="Request">The request as given.</param>
/// <param name="Outcome">What happened to it.</param>
public sealed record KlaviyoItemResult<TRequest>(int Index, TRequest Request, KlaviyoItemOutcome Outcome);
