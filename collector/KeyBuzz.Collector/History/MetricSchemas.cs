using LiteDB;

namespace KeyBuzz.Collector.History;

/// <summary>
/// The ordered metric names of readings ("schemas"), stored once and referenced by id from each
/// reading. An agent's set of metrics changes rarely (a restart, a new version), so a handful exist.
/// </summary>
internal sealed class MetricSchemas
{
    private readonly ILiteCollection<BsonDocument> _collection;
    private readonly Lock _lock = new();
    private readonly Dictionary<IReadOnlyList<string>, int> _byNames = new(NamesComparer.Instance);
    private readonly Dictionary<int, Dictionary<string, int>> _indexes = [];
    private readonly Dictionary<int, string[]> _names = [];

    public MetricSchemas(LiteDatabase database, string collection = "schemas")
    {
        _collection = database.GetCollection(collection);
        foreach (var doc in _collection.FindAll())
        {
            Remember(doc["_id"].AsInt32, doc["n"].AsArray.Select(n => n.AsString).ToArray());
        }
    }

    /// <summary>Id of this exact ordered list of names; a new one is inserted in the caller's transaction.</summary>
    public int IdOf(IReadOnlyList<string> names)
    {
        lock (_lock)
        {
            if (_byNames.TryGetValue(names, out var id))
            {
                return id;
            }

            id = _names.Count == 0 ? 1 : _names.Keys.Max() + 1;
            _collection.Insert(new BsonDocument { ["_id"] = id, ["n"] = new BsonArray(names.Select(n => new BsonValue(n))) });
            Remember(id, [.. names]);
            return id;
        }
    }

    /// <summary>Position of <paramref name="metric"/> in schema <paramref name="id"/>, or -1.</summary>
    public int IndexOf(int id, string metric)
    {
        lock (_lock)
        {
            return _indexes.TryGetValue(id, out var index) && index.TryGetValue(metric, out var at) ? at : -1;
        }
    }

    public string NameAt(int id, int index)
    {
        lock (_lock)
        {
            return _names[id][index];
        }
    }

    /// <summary>After a failed transaction, forget schemas that may not have been stored.</summary>
    public void Reload()
    {
        lock (_lock)
        {
            _byNames.Clear();
            _indexes.Clear();
            _names.Clear();
            foreach (var doc in _collection.FindAll())
            {
                Remember(doc["_id"].AsInt32, doc["n"].AsArray.Select(n => n.AsString).ToArray());
            }
        }
    }

    private void Remember(int id, string[] names)
    {
        _byNames[names] = id;
        _names[id] = names;
        _indexes[id] = names.Select((n, i) => (n, i)).ToDictionary(x => x.n, x => x.i, StringComparer.Ordinal);
    }

    /// <summary>Compares name lists by content, without building a key string per reading.</summary>
    private sealed class NamesComparer : IEqualityComparer<IReadOnlyList<string>>
    {
        public static readonly NamesComparer Instance = new();

        public bool Equals(IReadOnlyList<string>? x, IReadOnlyList<string>? y)
        {
            if (x is null || y is null || x.Count != y.Count)
            {
                return ReferenceEquals(x, y);
            }

            for (var i = 0; i < x.Count; i++)
            {
                if (!string.Equals(x[i], y[i], StringComparison.Ordinal))
                {
                    return false;
                }
            }

            return true;
        }

        public int GetHashCode(IReadOnlyList<string> obj)
        {
            var hash = new HashCode();
            hash.Add(obj.Count);
            foreach (var name in obj)
            {
                hash.Add(name.Length);
                hash.Add(name.Length > 0 ? name[^1] : '\0');
            }

            return hash.ToHashCode();
        }
    }
}
