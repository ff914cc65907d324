namespace FakeKubeApi;

/// <summary>What an API request asked for, as kube-apiserver's audit log and RBAC name it.</summary>
public enum KubeApiVerb
{
    /// <summary>Anything else: an unknown path, or a method the path does not take (e.g. DELETE of a collection).</summary>
    Other,

    /// <summary>GET of one named object.</summary>
    Get,

    /// <summary>GET of a collection without <c>watch</c>.</summary>
    List,

    /// <summary>GET of a collection with <c>watch=true</c> (or <c>1</c>).</summary>
    Watch,

    /// <summary>POST to a namespace's collection.</summary>
    Create,

    /// <summary>PUT of one named object.</summary>
    Update,

    /// <summary>PATCH of one named object.</summary>
    Patch,

    /// <summary>DELETE of one named object.</summary>
    Delete,
}
