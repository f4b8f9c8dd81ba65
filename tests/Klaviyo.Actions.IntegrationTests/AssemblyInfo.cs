namespace Klaviyo.Actions.IntegrationTests;
