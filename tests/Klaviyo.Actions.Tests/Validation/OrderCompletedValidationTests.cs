using Klaviyo.Actions.Validation;
using NUnit.Framework;

namespace Klaviyo.Actions.Tests.Validation;

public class OrderCompletedValidationTests
{
    private static OrderCompletedRequest Order(EventProfile? profile = null) => new()
    {
        Profile = profile ?? new EventProfile { ExternalId = "user-1" },
        Properties = new Dictionary<string, object?> { ["order_id"] = "ord-1", ["total"] = 30m },
        Value = 30m,
        ValueCurrency = "USD",
        Products =
        [
            new OrderProduct { ProductId = "p-1", Sku = "SKU-1", Price = 19m, Quantity = 1 },
            new OrderProduct { ProductId = "p-2", Sku = "SKU-2", Price = 11m, Quantity = 1 },
        ],
    };

    private static ValidationResult<OrderCompletedRequest> Validate(OrderCompletedRequest request) =>
        KlaviyoRequestValidator.Validate(request, TestClock.Create());

    [Test]
    public void A_typical_order_passes_unchanged()
    {
        var request = Order();
        Assert.That(ValidationAssert.Passes(Validate(request)), Is.SameAs(request));
    }

    [Test]
    public void A_null_profile_is_a_required_error() =>
        ValidationAssert.Fails(Validate(Order() with { Profile = null! }), ("profile", "required"));

    [Test]
    public void A_profile_without_identifier_fails_with_Segments_message()
    {
        var result = Validate(Order(new EventProfile { ExternalId = " " }));

        ValidationAssert.Fails(result, ("profile", "identifier_required"));
        Assert.That(result.Errors[0].Message, Is.EqualTo("One of External ID, Anonymous ID, Phone Number or Email is required."));
    }

    [Test]
    public void The_profile_email_is_format_checked_too()
    {
        // Segment skips the format check here; Klaviyo would reject the event, so it is caught before sending.
        ValidationAssert.Fails(
            Validate(Order(new EventProfile { Email = "not-an-email", ExternalId = "user-1" })),
            ("profile.email", "email_format"));
    }

    [Test]
    public void Profile_phone_is_normalized()
    {
        var request = Order(new EventProfile { PhoneNumber = "081234 56789", CountryCode = "IN" });

        var normalized = ValidationAssert.Passes(Validate(request));

        Assert.That(normalized, Is.EqualTo(request with { Profile = request.Profile with { PhoneNumber = "+918123456789", CountryCode = null } }));
        Assert.That(normalized.Products, Is.SameAs(request.Products));
    }

    [TestCase("event_name", 127, true)]
    [TestCase("event_name", 128, false)]
    [TestCase("product_event_name", 127, true)]
    [TestCase("product_event_name", 128, false)]
    public void Event_names_must_be_shorter_than_128_characters(string field, int length, bool valid)
    {
        string name = new('n', length);
        var request = field == "event_name" ? Order() with { EventName = name } : Order() with { ProductEventName = name };

        var result = Validate(request);

        if (valid)
        {
            ValidationAssert.Passes(result);
        }
        else
        {
            ValidationAssert.Fails(result, (field, "max_length"));
        }
    }

    [TestCase(null)]
    [TestCase("")]
    [TestCase(" ")]
    public void Event_names_are_required(string? name)
    {
        ValidationAssert.Fails(
            Validate(Order() with { EventName = name!, ProductEventName = name! }),
            ("event_name", "required"),
            ("product_event_name", "required"));
    }

    [Test]
    public void A_null_product_is_reported_by_index()
    {
        var request = Order() with { Products = [new OrderProduct { ProductId = "p-1" }, null!, new OrderProduct(), null!] };

        ValidationAssert.Fails(Validate(request), ("products[1]", "required"), ("products[3]", "required"));
    }

    [Test]
    public void No_products_is_fine() => ValidationAssert.Passes(Validate(Order() with { Products = null }));

    [Test]
    public void Time_unique_id_currency_and_property_rules_apply()
    {
        var request = Order() with
        {
            Time = TestClock.Now.AddYears(1).AddSeconds(1),
            UniqueId = "",
            ValueCurrency = "US",
            Properties = Enumerable.Range(0, 401).ToDictionary(i => $"p{i}", i => (object?)i),
        };

        ValidationAssert.Fails(
            Validate(request),
            ("time", "time_window"),
            ("unique_id", "min_length"),
            ("value_currency", "currency_format"),
            ("properties", "too_many_properties"));
    }

    [Test]
    public void Boundary_values_pass()
    {
        var request = Order() with
        {
            Time = new DateTimeOffset(2000, 1, 1, 0, 0, 1, TimeSpan.Zero),
            UniqueId = new string('u', 255),
            Properties = Enumerable.Range(0, 400).ToDictionary(i => $"p{i}", i => (object?)i),
        };

        ValidationAssert.Passes(Validate(request));
    }
}
