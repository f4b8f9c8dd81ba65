using Microsoft.Extensions.Options;

namespace Klaviyo.Actions.Extensions.DependencyInjection.Validation;

/// <summary>Source-generated from the <c>[Range]</c> attributes on <see cref="KlaviyoResilienceOptions"/>.</summary>
[OptionsValidator]
internal sealed partial class KlaviyoResilienceOptionsValidator : IValidateOptions<KlaviyoResilienceOptions>
{
}

/// <summary>Source-generated from the <c>[Range]</c> attributes on <see cref="KlaviyoRateLimitOptions"/>.</summary>
[OptionsValidator]
internal sealed partial class KlaviyoRateLimitOptionsValidator : IValidateOptions<KlaviyoRateLimitOptions>
{
}
