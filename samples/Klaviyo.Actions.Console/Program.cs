using Klaviyo.Actions.ConsoleApp.Generation;

var generator = new SampleEventGenerator(seed: 42, start: new DateTimeOffset(2026, 10, 1, 9, 0, 0, TimeSpan.Zero));
await generator.WriteAsync(Console.Out, args.Length > 0 ? int.Parse(args[0], System.Globalization.CultureInfo.InvariantCulture) : 3000, CancellationToken.None);
