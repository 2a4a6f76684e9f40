using Aegis.Testing;

[assembly: AssemblyFixture(typeof(PostgresServerFixture))]

// Each test runs silo processes; on two cores, one test at a time keeps timings meaningful.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
