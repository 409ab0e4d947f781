using Catalyst.Core.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Catalyst.Tests.Infrastructure;

public static class TestDb
{
    public static CatalystDbContext Context(string connectionString) =>
        new(new DbContextOptionsBuilder<CatalystDbContext>().UseNpgsql(connectionString).Options);
}
