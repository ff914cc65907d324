namespace FakeKubeApi;

/// <summary>What an API request asked for, as kube-apiserver's audit log names it.</summary>
public enum KubeApiVerb
{
    /// <summary>Anything else: an unknown path or a method other than GET.</summary>
    Other,

    /// <summary>GET of one named object.</summary>
    Get,

    /// <summary>GET of a collection without <c>watch</c>.</summary>
    List,

    /// <summary>GET of a collection with <c>watch=true</c> (or <c>1</c>).</summary>
    Watch,
}
