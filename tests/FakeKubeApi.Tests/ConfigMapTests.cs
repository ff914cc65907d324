using System.Net;
using System.Text.Json;
using k8s;
using k8s.Autorest;
using k8s.Models;

namespace FakeKubeApi.Tests;

/// <summary>ConfigMap get/create/update/delete through KubernetesClient, with kube-apiserver's concurrency rules.</summary>
public class ConfigMapTests
{
    [Fact]
    public async Task CreateNamespacedConfigMap_New_Answers201WithServerFieldsAndTakesTheNextResourceVersion()
    {
        await using var server = await FakeKubeApiServer.StartAsync();
        using var client = new Kubernetes(server.CreateClientConfiguration());
        server.UpsertSlice(Slices.For(Slices.Stable, "a", "127.0.0.2"));

        var created = await client.CoreV1.CreateNamespacedConfigMapAsync(Objects.ConfigMap(Objects.Rollout, "{}"), Objects.Namespace);
        var read = await client.CoreV1.ReadNamespacedConfigMapAsync(Objects.Rollout, Objects.Namespace);

        // One counter for the whole store: the slice took 2, the ConfigMap 3.
        Assert.Equal(("3", "{}"), (created.Metadata.ResourceVersion, created.Data["state.json"]));
        Assert.False(string.IsNullOrEmpty(created.Metadata.Uid));
        Assert.NotNull(created.Metadata.CreationTimestamp);
        Assert.Equal((created.Metadata.Uid, "3"), (read.Metadata.Uid, read.Metadata.ResourceVersion));
        Assert.Equal(201, server.Requests.All.Single(r => r.Verb == KubeApiVerb.Create).StatusCode);
    }

    [Fact]
    public async Task CreateNamespacedConfigMap_NameTaken_Throws409AlreadyExistsAndKeepsTheFirst()
    {
        await using var server = await FakeKubeApiServer.StartAsync();
        using var client = new Kubernetes(server.CreateClientConfiguration());
        await client.CoreV1.CreateNamespacedConfigMapAsync(Objects.ConfigMap(Objects.Rollout, "first"), Objects.Namespace);

        var error = await Assert.ThrowsAsync<HttpOperationException>(() => client.CoreV1.CreateNamespacedConfigMapAsync(Objects.ConfigMap(Objects.Rollout, "second"), Objects.Namespace));

        Assert.Equal(HttpStatusCode.Conflict, error.Response.StatusCode);
        Assert.Equal(
            """{"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":"configmaps \"canary-gateway-rollout\" already exists","reason":"AlreadyExists","details":{"name":"canary-gateway-rollout","kind":"configmaps"},"code":409}""",
            error.Response.Content);
        Assert.Equal("first", server.Get<V1ConfigMap>(Objects.Namespace, Objects.Rollout)!.Data["state.json"]);
    }

    [Fact]
    public async Task ReplaceNamespacedConfigMap_CurrentResourceVersion_ReplacesAndBumpsResourceVersion()
    {
        await using var server = await FakeKubeApiServer.StartAsync();
        using var client = new Kubernetes(server.CreateClientConfiguration());
        var created = await client.CoreV1.CreateNamespacedConfigMapAsync(Objects.ConfigMap(Objects.Rollout, "v1"), Objects.Namespace);

        created.Data["state.json"] = "v2";
        var replaced = await client.CoreV1.ReplaceNamespacedConfigMapAsync(created, Objects.Rollout, Objects.Namespace);

        Assert.Equal("v2", replaced.Data["state.json"]);
        Assert.True(long.Parse(replaced.Metadata.ResourceVersion) > long.Parse(created.Metadata.ResourceVersion));
        Assert.Equal((created.Metadata.Uid, created.Metadata.CreationTimestamp), (replaced.Metadata.Uid, replaced.Metadata.CreationTimestamp));
    }

    [Fact]
    public async Task ReplaceNamespacedConfigMap_StaleResourceVersion_Throws409ConflictAndKeepsTheNewerWrite()
    {
        await using var server = await FakeKubeApiServer.StartAsync();
        using var client = new Kubernetes(server.CreateClientConfiguration());
        var stale = await client.CoreV1.CreateNamespacedConfigMapAsync(Objects.ConfigMap(Objects.Rollout, "v1"), Objects.Namespace);
        var other = await client.CoreV1.ReadNamespacedConfigMapAsync(Objects.Rollout, Objects.Namespace);
        other.Data["state.json"] = "written by the other replica";
        await client.CoreV1.ReplaceNamespacedConfigMapAsync(other, Objects.Rollout, Objects.Namespace);

        stale.Data["state.json"] = "lost update";
        var error = await Assert.ThrowsAsync<HttpOperationException>(() => client.CoreV1.ReplaceNamespacedConfigMapAsync(stale, Objects.Rollout, Objects.Namespace));

        Assert.Equal(HttpStatusCode.Conflict, error.Response.StatusCode);
        Assert.Equal(
            """{"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":"Operation cannot be fulfilled on configmaps \"canary-gateway-rollout\": the object has been modified; please apply your changes to the latest version and try again","reason":"Conflict","details":{"name":"canary-gateway-rollout","kind":"configmaps"},"code":409}""",
            error.Response.Content);
        Assert.Equal("written by the other replica", server.Get<V1ConfigMap>(Objects.Namespace, Objects.Rollout)!.Data["state.json"]);
    }

    [Fact]
    public async Task ReplaceNamespacedConfigMap_WithoutResourceVersion_IsUnconditional()
    {
        await using var server = await FakeKubeApiServer.StartAsync();
        using var client = new Kubernetes(server.CreateClientConfiguration());
        await client.CoreV1.CreateNamespacedConfigMapAsync(Objects.ConfigMap(Objects.Rollout, "v1"), Objects.Namespace);

        var replaced = await client.CoreV1.ReplaceNamespacedConfigMapAsync(Objects.ConfigMap(Objects.Rollout, "v2"), Objects.Rollout, Objects.Namespace);

        Assert.Equal("v2", replaced.Data["state.json"]);
    }

    [Fact]
    public async Task ReplaceNamespacedConfigMap_SameContent_IsANoOpThatKeepsTheResourceVersion()
    {
        await using var server = await FakeKubeApiServer.StartAsync();
        using var client = new Kubernetes(server.CreateClientConfiguration());
        var created = await client.CoreV1.CreateNamespacedConfigMapAsync(Objects.ConfigMap(Objects.Rollout, "v1"), Objects.Namespace);

        var replaced = await client.CoreV1.ReplaceNamespacedConfigMapAsync(created, Objects.Rollout, Objects.Namespace);

        Assert.Equal(created.Metadata.ResourceVersion, replaced.Metadata.ResourceVersion);
        Assert.Equal(created.Metadata.ResourceVersion, server.ResourceVersion);
    }

    [Fact]
    public async Task ReplaceNamespacedConfigMap_Missing_Throws404NotFound()
    {
        await using var server = await FakeKubeApiServer.StartAsync();
        using var client = new Kubernetes(server.CreateClientConfiguration());

        var error = await Assert.ThrowsAsync<HttpOperationException>(() => client.CoreV1.ReplaceNamespacedConfigMapAsync(Objects.ConfigMap(Objects.Rollout, "v1"), Objects.Rollout, Objects.Namespace));

        Assert.Equal(HttpStatusCode.NotFound, error.Response.StatusCode);
        Assert.Null(server.Get<V1ConfigMap>(Objects.Namespace, Objects.Rollout));
    }

    [Fact]
    public async Task ReplaceNamespacedConfigMap_NameDiffersFromUrl_Throws400()
    {
        await using var server = await FakeKubeApiServer.StartAsync();
        using var client = new Kubernetes(server.CreateClientConfiguration());
        await client.CoreV1.CreateNamespacedConfigMapAsync(Objects.ConfigMap(Objects.Rollout, "v1"), Objects.Namespace);

        var error = await Assert.ThrowsAsync<HttpOperationException>(() => client.CoreV1.ReplaceNamespacedConfigMapAsync(Objects.ConfigMap("other", "v2"), Objects.Rollout, Objects.Namespace));

        Assert.Equal(HttpStatusCode.BadRequest, error.Response.StatusCode);
        Assert.Contains("the name of the object (other) does not match the name on the URL (canary-gateway-rollout)", error.Response.Content, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadNamespacedConfigMap_Missing_Throws404WithKubeApiServersStatus()
    {
        await using var server = await FakeKubeApiServer.StartAsync();
        using var client = new Kubernetes(server.CreateClientConfiguration());

        var error = await Assert.ThrowsAsync<HttpOperationException>(() => client.CoreV1.ReadNamespacedConfigMapAsync(Objects.Rollout, Objects.Namespace));

        Assert.Equal(
            """{"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":"configmaps \"canary-gateway-rollout\" not found","reason":"NotFound","details":{"name":"canary-gateway-rollout","kind":"configmaps"},"code":404}""",
            error.Response.Content);
    }

    [Fact]
    public async Task DeleteNamespacedConfigMap_Existing_AnswersSuccessStatusAndRemovesIt()
    {
        await using var server = await FakeKubeApiServer.StartAsync();
        using var client = new Kubernetes(server.CreateClientConfiguration());
        var created = await client.CoreV1.CreateNamespacedConfigMapAsync(Objects.ConfigMap(Objects.Rollout, "v1"), Objects.Namespace);

        var status = await client.CoreV1.DeleteNamespacedConfigMapAsync(Objects.Rollout, Objects.Namespace);
        var again = await Assert.ThrowsAsync<HttpOperationException>(() => client.CoreV1.DeleteNamespacedConfigMapAsync(Objects.Rollout, Objects.Namespace));

        Assert.Equal(("Success", Objects.Rollout, created.Metadata.Uid), (status.Status, status.Details.Name, status.Details.Uid));
        Assert.Null(server.Get<V1ConfigMap>(Objects.Namespace, Objects.Rollout));
        Assert.Equal(HttpStatusCode.NotFound, again.Response.StatusCode);
    }

    [Fact]
    public async Task DeleteNamespacedConfigMap_StaleResourceVersionPrecondition_Throws409AndKeepsIt()
    {
        await using var server = await FakeKubeApiServer.StartAsync();
        using var client = new Kubernetes(server.CreateClientConfiguration());
        var created = await client.CoreV1.CreateNamespacedConfigMapAsync(Objects.ConfigMap(Objects.Rollout, "v1"), Objects.Namespace);
        server.Upsert(Objects.ConfigMap(Objects.Rollout, "v2"));

        var error = await Assert.ThrowsAsync<HttpOperationException>(() => client.CoreV1.DeleteNamespacedConfigMapAsync(
            Objects.Rollout, Objects.Namespace, new V1DeleteOptions { Preconditions = new V1Preconditions { ResourceVersion = created.Metadata.ResourceVersion } }));

        Assert.Equal(HttpStatusCode.Conflict, error.Response.StatusCode);
        Assert.Contains("Precondition failed: ResourceVersion in precondition", error.Response.Content, StringComparison.Ordinal);
        Assert.NotNull(server.Get<V1ConfigMap>(Objects.Namespace, Objects.Rollout));
    }

    [Fact]
    public async Task CreateNamespacedConfigMap_GenerateName_GetsARandomSuffix()
    {
        await using var server = await FakeKubeApiServer.StartAsync();
        using var client = new Kubernetes(server.CreateClientConfiguration());
        var config = Objects.ConfigMap(null!, "{}");
        config.Metadata.GenerateName = "state-";

        var created = await client.CoreV1.CreateNamespacedConfigMapAsync(config, Objects.Namespace);

        Assert.Matches("^state-[a-z0-9]{5}$", created.Metadata.Name);
    }

    [Fact]
    public async Task CreateNamespacedConfigMap_InvalidNameAndKey_Throws422InvalidListingBoth()
    {
        await using var server = await FakeKubeApiServer.StartAsync();
        using var client = new Kubernetes(server.CreateClientConfiguration());
        var config = Objects.ConfigMap("Rollout_State", "{}");
        config.Data["state json"] = "{}";

        var error = await Assert.ThrowsAsync<HttpOperationException>(() => client.CoreV1.CreateNamespacedConfigMapAsync(config, Objects.Namespace));

        using var status = JsonDocument.Parse(error.Response.Content);
        var root = status.RootElement;
        Assert.Equal((HttpStatusCode.UnprocessableEntity, "Invalid"), (error.Response.StatusCode, root.GetProperty("reason").GetString()));
        Assert.StartsWith("ConfigMap \"Rollout_State\" is invalid: [metadata.name: Invalid value: \"Rollout_State\": a lowercase RFC 1123 subdomain", root.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Equal(
            ["metadata.name", "data[state json]"],
            root.GetProperty("details").GetProperty("causes").EnumerateArray().Select(c => c.GetProperty("field").GetString()));
        Assert.Empty(server.List<V1ConfigMap>());
    }

    [Fact]
    public async Task CreateNamespacedConfigMap_WithResourceVersion_IsRejected()
    {
        await using var server = await FakeKubeApiServer.StartAsync();
        using var client = new Kubernetes(server.CreateClientConfiguration());
        var config = Objects.ConfigMap(Objects.Rollout, "{}");
        config.Metadata.ResourceVersion = "5";

        var error = await Assert.ThrowsAsync<HttpOperationException>(() => client.CoreV1.CreateNamespacedConfigMapAsync(config, Objects.Namespace));

        Assert.Equal(HttpStatusCode.InternalServerError, error.Response.StatusCode);
        Assert.Contains("resourceVersion should not be set on objects to be created", error.Response.Content, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ListNamespacedConfigMap_FieldSelectorByName_ReturnsOnlyThatOneWithTheStoreResourceVersion()
    {
        await using var server = await FakeKubeApiServer.StartAsync();
        using var client = new Kubernetes(server.CreateClientConfiguration());
        server.Upsert(Objects.ConfigMap(Objects.Rollout, "{}"));
        server.Upsert(Objects.ConfigMap("other", "{}"));
        server.UpsertSlice(Slices.For(Slices.Stable, "a", "127.0.0.2"));

        var list = await client.CoreV1.ListNamespacedConfigMapAsync(Objects.Namespace, fieldSelector: $"metadata.name={Objects.Rollout}");

        Assert.Equal([Objects.Rollout], list.Items.Select(c => c.Metadata.Name));
        Assert.Equal(server.ResourceVersion, list.Metadata.ResourceVersion);
    }
}
