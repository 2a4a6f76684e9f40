using Aegis.Testing;

[assembly: AssemblyFixture(typeof(PostgresServerFixture))]
