namespace KeyBuzz.Integration.Tests.Lab;

/// <summary>All lab tests share one cluster and run one after another.</summary>
[CollectionDefinition(Name)]
public sealed class LabCollection : ICollectionFixture<KeyBuzzLab>
{
    public const string Name = "lab";
}
