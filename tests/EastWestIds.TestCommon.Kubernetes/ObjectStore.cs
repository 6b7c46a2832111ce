using System.Globalization;
using System.Text.Json.Nodes;

namespace EastWestIds.TestCommon.Kubernetes;

/// <summary>What happened to an object, for watch streams (ADDED/MODIFIED/DELETED, as the watch protocol names them).</summary>
public enum ObjectChange
{
    Added,
    Modified,
    Deleted,
}

/// <summary>
/// The test API server's etcd: objects by resource, namespace and name, with one resourceVersion counter for the
/// whole store as the real server has. Every change raises <see cref="Changed"/> with the new resourceVersion, so a
/// watch endpoint can be built on it (replay from a version, bookmarks, 410 Gone for versions compacted away).
/// All methods are thread-safe; objects handed out are copies.
/// </summary>
public sealed class ObjectStore
{
    private readonly Lock _lock = new();
    private readonly Dictionary<(ApiResource Resource, string Namespace, string Name), JsonObject> _objects = [];
    private readonly List<(ApiResource Resource, string Namespace, string Name, Action<JsonObject> Edit)> _beforeWrite = [];
    private readonly List<(long Version, ObjectChange Change, ApiResource Resource, JsonObject Object)> _history = [];
    private readonly List<Subscriber> _subscribers = [];
    private long _resourceVersion = 1000;
    private long _compactedThrough;

    /// <summary>Raised under the store's lock after each change, with a copy of the object as stored.</summary>
    public event Action<ObjectChange, ApiResource, JsonObject>? Changed;

    /// <summary>The store's current resourceVersion.</summary>
    public string ResourceVersion
    {
        get
        {
            lock (_lock)
            {
                return _resourceVersion.ToString(CultureInfo.InvariantCulture);
            }
        }
    }

    /// <summary>Adds or overwrites objects as an admin's <c>kubectl apply</c> would (kind and apiVersion decide the resource).</summary>
    public void Seed(params JsonObject[] objects)
    {
        foreach (var source in objects)
        {
            var obj = source.DeepClone().AsObject();
            var resource = ApiResource.ForKind((string?)obj["apiVersion"] ?? "", (string?)obj["kind"] ?? "")
                ?? throw new ArgumentException($"the test API server does not serve {obj["apiVersion"]} {obj["kind"]}");
            var metadata = obj["metadata"]!.AsObject();
            lock (_lock)
            {
                var key = Key(resource, (string?)metadata["namespace"] ?? "", (string)metadata["name"]!);
                var existed = _objects.ContainsKey(key);
                Stamp(metadata, created: !existed);
                _objects[key] = obj;
                Publish(existed ? ObjectChange.Modified : ObjectChange.Added, resource, obj.DeepClone().AsObject());
            }
        }
    }

    /// <summary>A copy of the stored object, or null.</summary>
    public JsonObject? Get(ApiResource resource, string ns, string name)
    {
        lock (_lock)
        {
            return _objects.TryGetValue(Key(resource, ns, name), out var obj) ? obj.DeepClone().AsObject() : null;
        }
    }

    /// <summary>Copies of the objects of a resource, in one namespace or all (null), filtered by label equality.</summary>
    public List<JsonObject> List(ApiResource resource, string? ns, IReadOnlyDictionary<string, string>? labels = null)
    {
        lock (_lock)
        {
            return _objects
                .Where(p => p.Key.Resource == resource && (ns is null || p.Key.Namespace == ns))
                .Where(p => labels is null || labels.All(l => (string?)p.Value["metadata"]?["labels"]?[l.Key] == l.Value))
                .OrderBy(p => p.Key.Namespace, StringComparer.Ordinal).ThenBy(p => p.Key.Name, StringComparer.Ordinal)
                .Select(p => p.Value.DeepClone().AsObject())
                .ToList();
        }
    }

    /// <summary>
    /// Edits the stored object as another client would, between someone's read and their write: the next write to
    /// this object first sees <paramref name="edit"/> applied (and the resourceVersion bumped).
    /// </summary>
    public void EditBeforeNextWrite(ApiResource resource, string ns, string name, Action<JsonObject> edit)
    {
        lock (_lock)
        {
            _beforeWrite.Add((resource, ns, name, edit));
        }
    }

    /// <summary>Edits the stored object now (a concurrent client's update); bumps resourceVersion and generation.</summary>
    public void Edit(ApiResource resource, string ns, string name, Action<JsonObject> edit)
    {
        lock (_lock)
        {
            EditLocked(resource, ns, name, edit);
        }
    }

    /// <summary>POST: 201 with the stored object, or 409 AlreadyExists.</summary>
    public (int Status, JsonObject Body) Create(ApiResource resource, string ns, JsonObject obj)
    {
        var metadata = obj["metadata"] as JsonObject ?? [];
        obj["metadata"] = metadata;
        var name = (string?)metadata["name"];
        if (string.IsNullOrEmpty(name))
        {
            return (422, ApiStatus.Failure(422, "Invalid", "metadata.name: Required value"));
        }

        metadata["namespace"] = resource.Namespaced ? ns : null;
        lock (_lock)
        {
            RunBeforeWrite(resource, ns, name);
            var key = Key(resource, ns, name);
            if (_objects.ContainsKey(key))
            {
                return (409, ApiStatus.AlreadyExists(resource, name));
            }

            Stamp(metadata, created: true);
            _objects[key] = obj.DeepClone().AsObject();
            Publish(ObjectChange.Added, resource, obj.DeepClone().AsObject());
            return (201, obj);
        }
    }

    /// <summary>PUT: 200 with the stored object; 409 Conflict when the body's resourceVersion is not the stored one; 404 when gone.</summary>
    public (int Status, JsonObject Body) Replace(ApiResource resource, string ns, string name, JsonObject obj)
    {
        var metadata = obj["metadata"] as JsonObject ?? [];
        obj["metadata"] = metadata;
        lock (_lock)
        {
            RunBeforeWrite(resource, ns, name);
            if (!_objects.TryGetValue(Key(resource, ns, name), out var stored))
            {
                return (404, ApiStatus.NotFound(resource, name));
            }

            var given = (string?)metadata["resourceVersion"];
            if (string.IsNullOrEmpty(given))
            {
                // Custom resources refuse unconditional updates.
                return (422, ApiStatus.Failure(422, "Invalid", $"{resource.Kind} \"{name}\" is invalid: metadata.resourceVersion: Invalid value: 0x0: must be specified for an update"));
            }

            if (given != (string?)stored["metadata"]!["resourceVersion"])
            {
                return (409, ApiStatus.Conflict(resource, name));
            }

            // Server-owned fields come from the stored object, as a real server would keep them.
            foreach (var field in new[] { "uid", "creationTimestamp", "generation" })
            {
                metadata[field] = stored["metadata"]![field]?.DeepClone();
            }

            metadata["name"] = name;
            metadata["namespace"] = resource.Namespaced ? ns : null;
            if (!JsonNode.DeepEquals(stored["spec"], obj["spec"]))
            {
                metadata["generation"] = Generation(metadata) + 1;
            }

            Stamp(metadata, created: false);
            _objects[Key(resource, ns, name)] = obj.DeepClone().AsObject();
            Publish(ObjectChange.Modified, resource, obj.DeepClone().AsObject());
            return (200, obj);
        }
    }

    /// <summary>DELETE: 200 with the last state; 409 when the precondition's resourceVersion is stale; 404 when gone.</summary>
    public (int Status, JsonObject Body) Delete(ApiResource resource, string ns, string name, string? preconditionResourceVersion)
    {
        lock (_lock)
        {
            RunBeforeWrite(resource, ns, name);
            var key = Key(resource, ns, name);
            if (!_objects.TryGetValue(key, out var stored))
            {
                return (404, ApiStatus.NotFound(resource, name));
            }

            var current = (string?)stored["metadata"]!["resourceVersion"];
            if (preconditionResourceVersion is not null && preconditionResourceVersion != current)
            {
                return (409, ApiStatus.Failure(409, "Conflict", $"Operation cannot be fulfilled on {resource.Plural} \"{name}\": Precondition failed: ResourceVersion in precondition: {preconditionResourceVersion}, ResourceVersion in object meta: {current}", resource, name));
            }

            _objects.Remove(key);
            _resourceVersion++;
            var last = stored.DeepClone().AsObject();
            last["metadata"]!["resourceVersion"] = _resourceVersion.ToString(CultureInfo.InvariantCulture);
            Publish(ObjectChange.Deleted, resource, last.DeepClone().AsObject());
            return (200, last);
        }
    }

    /// <summary>
    /// Starts a watch of <paramref name="resource"/> (in <paramref name="ns"/>, or all when null; only the object named
    /// <paramref name="name"/> when given) from <paramref name="fromVersion"/>: the changes after it are replayed, then
    /// every new one is handed to <paramref name="sink"/> (under the store's lock, so nothing is missed or doubled).
    /// Null with <paramref name="gone"/> set when that version was compacted away (410 Gone).
    /// </summary>
    public IDisposable? Watch(ApiResource resource, string? ns, string? name, long fromVersion, Action<ObjectChange, JsonObject> sink, out bool gone)
    {
        lock (_lock)
        {
            gone = fromVersion < _compactedThrough;
            if (gone)
            {
                return null;
            }

            var subscriber = new Subscriber(this, resource, ns, name, sink);
            foreach (var (version, change, r, obj) in _history)
            {
                if (version > fromVersion && subscriber.Wants(r, obj))
                {
                    sink(change, obj.DeepClone().AsObject());
                }
            }

            _subscribers.Add(subscriber);
            return subscriber;
        }
    }

    /// <summary>Forgets the change history, as etcd compaction does: watches from any earlier version get 410 Gone.</summary>
    public void Compact()
    {
        lock (_lock)
        {
            _history.Clear();
            _compactedThrough = _resourceVersion;
        }
    }

    private void Publish(ObjectChange change, ApiResource resource, JsonObject obj)
    {
        _history.Add((_resourceVersion, change, resource, obj.DeepClone().AsObject()));
        foreach (var subscriber in _subscribers)
        {
            if (subscriber.Wants(resource, obj))
            {
                subscriber.Sink(change, obj.DeepClone().AsObject());
            }
        }

        Changed?.Invoke(change, resource, obj);
    }

    private sealed class Subscriber(ObjectStore store, ApiResource resource, string? ns, string? name, Action<ObjectChange, JsonObject> sink) : IDisposable
    {
        public Action<ObjectChange, JsonObject> Sink => sink;

        public bool Wants(ApiResource r, JsonObject obj) =>
            r == resource
            && (ns is null || !resource.Namespaced || (string?)obj["metadata"]?["namespace"] == ns)
            && (name is null || (string?)obj["metadata"]?["name"] == name);

        public void Dispose()
        {
            lock (store._lock)
            {
                store._subscribers.Remove(this);
            }
        }
    }

    private void RunBeforeWrite(ApiResource resource, string ns, string name)
    {
        for (var i = 0; i < _beforeWrite.Count; i++)
        {
            var pending = _beforeWrite[i];
            if (pending.Resource == resource && pending.Namespace == ns && pending.Name == name)
            {
                _beforeWrite.RemoveAt(i);
                EditLocked(resource, ns, name, pending.Edit);
                return;
            }
        }
    }

    private void EditLocked(ApiResource resource, string ns, string name, Action<JsonObject> edit)
    {
        if (!_objects.TryGetValue(Key(resource, ns, name), out var stored))
        {
            throw new InvalidOperationException($"no {resource.Kind} {ns}/{name} to edit");
        }

        var before = stored["spec"]?.DeepClone();
        edit(stored);
        var metadata = stored["metadata"]!.AsObject();
        if (!JsonNode.DeepEquals(before, stored["spec"]))
        {
            metadata["generation"] = Generation(metadata) + 1;
        }

        Stamp(metadata, created: false);
        Publish(ObjectChange.Modified, resource, stored.DeepClone().AsObject());
    }

    private void Stamp(JsonObject metadata, bool created)
    {
        _resourceVersion++;
        metadata["resourceVersion"] = _resourceVersion.ToString(CultureInfo.InvariantCulture);
        if (created)
        {
            metadata["uid"] = Guid.NewGuid().ToString();
            metadata["creationTimestamp"] ??= DateTimeOffset.UtcNow.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);
            metadata["generation"] = 1L;
        }
    }

    private static long Generation(JsonObject metadata) =>
        metadata["generation"] is JsonNode generation ? long.Parse(generation.ToJsonString(), CultureInfo.InvariantCulture) : 1;

    private static (ApiResource, string, string) Key(ApiResource resource, string ns, string name) => (resource, resource.Namespaced ? ns : "", name);
}
