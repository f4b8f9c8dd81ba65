using System.Text;
using System.Text.RegularExpressions;
using Klaviyo.Actions.Validation;
using NUnit.Framework;

namespace Klaviyo.Actions.Tests.Validation;

public class EmailAddressFormatTests
{
    // ajv-formats' "full" email pattern as given in the spec (§2.3), case-insensitive. JavaScript's '$' matches
    // only at the very end, so it becomes \z here.
    private static readonly Regex AjvFullEmail = new(
        @"^[a-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[a-z0-9!#$%&'*+/=?^_`{|}~-]+)*@(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\z",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);

    private static readonly string[] Valid =
    [
        "jane@example.com",
        "Jane.Doe@Example.COM",
        "a@b.co",
        "a@b.c",
        "first.last+tag@sub.domain.example",
        "o'brien@example.ie",
        "x!#$%&'*+/=?^_`{|}~-@example.com",
        "user@xn--bcher-kva.example",
        "user@a-b.example",
        "1@2.3",
    ];

    private static readonly string[] Invalid =
    [
        "not-an-email",
        "invalid_email@gmail..com",
        "@example.com",
        "jane@",
        "jane@example",
        "jane@example.com.",
        "jane@.example.com",
        "jane.@example.com",
        ".jane@example.com",
        "ja..ne@example.com",
        "jane@-example.com",
        "jane@example-.com",
        "jane@exa_mple.com",
        "jane@@example.com",
        "jane@example@com",
        "jane doe@example.com",
        " jane@example.com",
        "jane@example.com ",
        "jane@example.com\n",
        "jané@example.com",
        "jane@exámple.com",
        "\"jane\"@example.com",
        "jane@[127.0.0.1]",
        "",
    ];

    [TestCaseSource(nameof(Valid))]
    public void Accepts(string email)
    {
        Assert.Multiple(() =>
        {
            Assert.That(EmailAddressFormat.IsValid(email), Is.True);
            Assert.That(AjvFullEmail.IsMatch(email), Is.True, "the reference pattern must agree");
        });
    }

    [TestCaseSource(nameof(Invalid))]
    public void Rejects(string email)
    {
        Assert.Multiple(() =>
        {
            Assert.That(EmailAddressFormat.IsValid(email), Is.False);
            Assert.That(AjvFullEmail.IsMatch(email), Is.False, "the reference pattern must agree");
        });
    }

    [Test]
    public void Agrees_with_the_ajv_pattern_on_random_input()
    {
        // Strings biased towards the grammar's interesting characters, from a fixed seed.
        const string alphabet = "aZ09.-@_+!~ é";
        var random = new Random(20260615);
        var builder = new StringBuilder();
        var disagreements = new List<string>();

        for (int i = 0; i < 50_000; i++)
        {
            builder.Clear();
            int length = random.Next(1, 14);
            for (int j = 0; j < length; j++)
            {
                builder.Append(alphabet[random.Next(alphabet.Length)]);
            }

            string candidate = builder.ToString();
            if (EmailAddressFormat.IsValid(candidate) != AjvFullEmail.IsMatch(candidate))
            {
                disagreements.Add(candidate);
            }
        }

        Assert.That(disagreements, Is.Empty);
    }

    [Test]
    public void Long_hostile_input_is_rejected_quickly()
    {
        string hostile = "a@" + string.Concat(Enumerable.Repeat("a-", 50_000)) + "!";
        var watch = System.Diagnostics.Stopwatch.StartNew();
        bool valid = EmailAddressFormat.IsValid(hostile);
        watch.Stop();

        Assert.That(valid, Is.False);
        Assert.That(watch.Elapsed, Is.LessThan(TimeSpan.FromSeconds(1)));
    }
}
