using Klaviyo.Actions.Sync.Segment;
using Microsoft.Extensions.Options;

namespace Klaviyo.Actions.Extensions.DependencyInjection.Validation;

/// <summary>Checks <see cref="KlaviyoToSegmentOptions"/> at start (<see cref="KlaviyoToSegmentOptions.Validate"/>); never echoes the write key.</summary>
internal sealed class KlaviyoToSegmentOptionsValidator : IValidateOptions<KlaviyoToSegmentOptions>
{
    public ValidateOptionsResult Validate(string? name, KlaviyoToSegmentOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var problems = options.Validate();
        return problems.Count == 0
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail(problems.Select(p => "KlaviyoToSegment:" + p));
    }
}
