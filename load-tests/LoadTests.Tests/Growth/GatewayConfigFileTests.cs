using System.Text;
using Gateway.Discovery;
using Gateway.Tracks;
using LoadTests.Growth;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace LoadTests.Tests.Growth;

public sealed class GatewayConfigFileTests
{
    [Fact]
    public void Json_1000Endpoints_BindsToTheGatewaysTracksAsStaticDestinations()
    {
        var layout = PodLayout.For(1000);

        var tracks = Bind(GatewayConfigFile.Json(layout.Destinations(canary: false, all: true), layout.Destinations(canary: true, all: true)));
        var validation = new TracksOptionsValidator(Options.Create(new DiscoveryOptions { Discovery = DiscoveryMode.Static })).Validate(null, tracks);
        var snapshot = StaticDiscovery.CreateSnapshot(tracks);

        Assert.True(validation.Succeeded, validation.FailureMessage);
        Assert.Equal(750, snapshot.ReadyCount(Track.Stable));
        Assert.Equal(250, snapshot.ReadyCount(Track.Canary));
        Assert.Equal("http://127.20.3.251:8080/", snapshot.Canary[^1].Address.AbsoluteUri);
    }

    [Fact]
    public void Json_Small_IsThreeStableAndOneCanary()
    {
        var layout = PodLayout.For(1000);

        var tracks = Bind(GatewayConfigFile.Json(layout.Destinations(canary: false, all: false), layout.Destinations(canary: true, all: false)));

        Assert.Equal(3, tracks.Stable.Destinations.Count);
        Assert.Equal(["http://127.20.3.2:8080"], tracks.Canary.Destinations);
    }

    [Fact]
    public void Write_AllOrFirst_WritesTheMatchingFile()
    {
        var directory = Directory.CreateTempSubdirectory("growth-config-").FullName;
        try
        {
            var layout = PodLayout.For(8);

            var large = Bind(File.ReadAllText(GatewayConfigFile.Write(Path.Combine(directory, "large.json"), layout, all: true)));
            var small = Bind(File.ReadAllText(GatewayConfigFile.Write(Path.Combine(directory, "small.json"), layout, all: false)));

            Assert.Equal((6, 2), (large.Stable.Destinations.Count, large.Canary.Destinations.Count));
            Assert.Equal((3, 1), (small.Stable.Destinations.Count, small.Canary.Destinations.Count));
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    /// <summary>The file read the way the gateway reads GATEWAY_CONFIG_FILE: JSON configuration bound to Gateway:Tracks.</summary>
    private static TracksOptions Bind(string json)
    {
        var configuration = new ConfigurationBuilder().AddJsonStream(new MemoryStream(Encoding.UTF8.GetBytes(json))).Build();
        return configuration.GetSection(TracksOptions.SectionName).Get<TracksOptions>() ?? new TracksOptions();
    }
}
