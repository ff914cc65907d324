using System.Text.Json.Nodes;

namespace FakeKubeApi.Tests;

/// <summary>The three patch formats on plain JSON, without a server.</summary>
public class PatchTests
{
    private const string PodSpec = """
        {"containers":[
          {"name":"app","image":"kubeapp:1.0","env":[{"name":"A","value":"1"},{"name":"B","value":"2"}]},
          {"name":"sidecar","image":"proxy:1"}],
         "finalizers":["x"],
         "nodeSelector":{"zone":"a"}}
        """;

    [Fact]
    public void StrategicMergePatch_ContainerByName_MergesEnvByNameAndKeepsOtherContainers()
    {
        var patched = StrategicMergePatch.Apply(Parse(PodSpec), Parse("""{"containers":[{"name":"app","image":"kubeapp:2.0","env":[{"name":"B","value":"3"},{"name":"C","value":"4"}]}]}"""));

        Assert.Equal(
            """{"containers":[{"name":"app","image":"kubeapp:2.0","env":[{"name":"A","value":"1"},{"name":"B","value":"3"},{"name":"C","value":"4"}]},{"name":"sidecar","image":"proxy:1"}],"finalizers":["x"],"nodeSelector":{"zone":"a"}}""",
            patched.ToJsonString());
    }

    [Fact]
    public void StrategicMergePatch_Directives_DeleteItemReplaceMapDeleteFromPrimitiveListAndMergeScalarList()
    {
        var patched = StrategicMergePatch.Apply(Parse(PodSpec), Parse("""
            {"containers":[{"name":"sidecar","$patch":"delete"}],
             "$setElementOrder/containers":[{"name":"app"}],
             "nodeSelector":{"$patch":"replace","zone":"b"},
             "finalizers":["y"]}
            """));
        var removed = StrategicMergePatch.Apply(patched, Parse("""{"$deleteFromPrimitiveList/finalizers":["x"]}"""));

        Assert.Equal(["app"], patched["containers"]!.AsArray().Select(c => (string?)c!["name"]));
        Assert.Equal("""{"zone":"b"}""", patched["nodeSelector"]!.ToJsonString());
        Assert.Equal("""["x","y"]""", patched["finalizers"]!.ToJsonString());
        Assert.Equal("""["y"]""", removed["finalizers"]!.ToJsonString());
    }

    [Fact]
    public void StrategicMergePatch_ItemWithoutMergeKey_IsABadRequest()
    {
        var error = Assert.Throws<KubeApiException>(() => StrategicMergePatch.Apply(Parse(PodSpec), Parse("""{"containers":[{"image":"x"}]}""")));

        Assert.Equal(400, error.Status.Code);
    }

    [Fact]
    public void MergePatch_NullDeletesAndArraysReplace()
    {
        var patched = MergePatch.Apply(Parse(PodSpec), Parse("""{"nodeSelector":null,"finalizers":["y"]}"""));

        Assert.Equal("""["y"]""", patched!["finalizers"]!.ToJsonString());
        Assert.False(patched.AsObject().ContainsKey("nodeSelector"));
        Assert.Equal(2, patched["containers"]!.AsArray().Count);
    }

    [Fact]
    public void JsonPatch_AddRemoveMoveCopyTest_ApplyInOrder()
    {
        var patched = JsonPatch.Apply(Parse(PodSpec), (JsonArray)JsonNode.Parse("""
            [{"op":"test","path":"/containers/1/name","value":"sidecar"},
             {"op":"remove","path":"/containers/1"},
             {"op":"add","path":"/finalizers/-","value":"y"},
             {"op":"copy","from":"/nodeSelector","path":"/copied"},
             {"op":"move","from":"/copied/zone","path":"/nodeSelector/region"},
             {"op":"replace","path":"/containers/0/image","value":"kubeapp:2.0"}]
            """)!);

        Assert.Equal(
            """{"containers":[{"name":"app","image":"kubeapp:2.0","env":[{"name":"A","value":"1"},{"name":"B","value":"2"}]}],"finalizers":["x","y"],"nodeSelector":{"zone":"a","region":"a"},"copied":{}}""",
            patched.ToJsonString());
    }

    [Fact]
    public void JsonPatch_MissingPath_IsUnprocessable()
    {
        var error = Assert.Throws<KubeApiException>(() => JsonPatch.Apply(Parse(PodSpec), (JsonArray)JsonNode.Parse("""[{"op":"remove","path":"/spec/missing"}]""")!));

        Assert.Equal((422, "Invalid"), (error.Status.Code, error.Status.Reason));
    }

    private static JsonObject Parse(string json) => (JsonObject)JsonNode.Parse(json)!;
}
