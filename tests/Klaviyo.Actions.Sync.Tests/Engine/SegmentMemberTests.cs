using NUnit.Framework;

namespace Klaviyo.Actions.Sync.Tests.Engine;

public sealed class SegmentMemberTests
{
    [Test]
    public void An_email_user_id_is_the_profile_email()
    {
        var member = new SegmentMember(" Jane@Example.COM ").Resolve();

        Assert.Multiple(() =>
        {
            Assert.That(member.UserId, Is.EqualTo(" Jane@Example.COM "), "the user id is the state key and is kept as given");
            Assert.That(member.Email, Is.EqualTo("jane@example.com"));
            Assert.That(member.ExternalId, Is.Null);
            Assert.That(member.IsPersonalisable, Is.True);
        });
    }

    [Test]
    public void Another_user_id_is_the_external_id_and_is_not_personalisable_without_an_email()
    {
        var member = new SegmentMember("crm-1001", phoneNumber: " +15550001 ").Resolve();

        Assert.Multiple(() =>
        {
            Assert.That(member.Email, Is.Null);
            Assert.That(member.ExternalId, Is.EqualTo("crm-1001"));
            Assert.That(member.PhoneNumber, Is.EqualTo("+15550001"));
            Assert.That(member.IsPersonalisable, Is.False);
        });
    }

    [Test]
    public void Traits_win_over_the_user_id()
    {
        var member = new SegmentMember("jane@example.com", email: "work@example.com", externalId: "crm-7").Resolve();

        Assert.Multiple(() =>
        {
            Assert.That(member.Email, Is.EqualTo("work@example.com"));
            Assert.That(member.ExternalId, Is.EqualTo("crm-7"));
        });
    }

    [Test]
    public void Resolving_twice_changes_nothing()
    {
        var once = new SegmentMember("crm-1", email: " A@B.co ").Resolve();
        Assert.That(once.Resolve(), Is.EqualTo(once));
    }

    [TestCase("jane@example.com", true)]
    [TestCase("jane.doe+tag@sub.example.co.uk", true)]
    [TestCase("crm-1001", false)]
    [TestCase("@example.com", false)]
    [TestCase("jane@", false)]
    [TestCase("jane@localhost", false)]
    [TestCase("jane@example.", false)]
    [TestCase("jane@.example", false)]
    [TestCase("a@b@example.com", false)]
    [TestCase("jane doe@example.com", false)]
    public void User_ids_are_recognised_as_emails_by_shape(string userId, bool isEmail) =>
        Assert.That(new SegmentMember(userId).IsPersonalisable, Is.EqualTo(isEmail));

    [Test]
    public void Blank_traits_count_as_unknown()
    {
        var member = new SegmentMember("crm-1", email: " ", phoneNumber: "", externalId: "\t");

        Assert.Multiple(() =>
        {
            Assert.That(member.Email, Is.Null);
            Assert.That(member.PhoneNumber, Is.Null);
            Assert.That(member.ExternalId, Is.Null);
            Assert.That(member.Resolve().ExternalId, Is.EqualTo("crm-1"));
        });

        var initialised = new SegmentMember("crm-2") { Email = "  ", PhoneNumber = " " }.Resolve();
        Assert.That((initialised.Email, initialised.PhoneNumber), Is.EqualTo(((string?)null, (string?)null)));
    }

    [Test]
    public void User_ids_must_be_present_and_bounded()
    {
        Assert.Multiple(() =>
        {
            Assert.Throws<ArgumentException>(() => _ = new SegmentMember(" "));
            Assert.Throws<ArgumentNullException>(() => _ = new SegmentMember(null!));
            Assert.Throws<ArgumentException>(() => _ = new SegmentMember(new string('x', SegmentMember.MaxUserIdLength + 1)));
            Assert.DoesNotThrow(() => _ = new SegmentMember(new string('x', SegmentMember.MaxUserIdLength)));
        });
    }

    [Test]
    public void ToString_masks_personal_data()
    {
        string text = new SegmentMember("jane.doe@example.com", phoneNumber: "+15551234567", externalId: "crm-9").ToString();

        Assert.Multiple(() =>
        {
            Assert.That(text, Does.Not.Contain("jane.doe").And.Not.Contain("5551234567"));
            Assert.That(text, Does.Contain("j***@example.com").And.Contain("***67").And.Contain("crm-9"));
        });
    }
}
