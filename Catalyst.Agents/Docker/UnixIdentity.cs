using System.ComponentModel;
using System.Runtime.InteropServices;

namespace Catalyst.Agents.Docker;

/// <summary>
/// Who this process is, and the one ownership change containers need: a rootful daemon maps no user ids, so a
/// container user can write a bind-mounted folder only if the folder is its own (or open to all).
/// </summary>
public static class UnixIdentity
{
    public static string UserAndGroup => $"{geteuid()}:{getegid()}";

    /// <summary>
    /// Lets <paramref name="userId"/> write <paramref name="folder"/>: chown it when we may (as root), otherwise
    /// open it to all users, since only root may give a folder away.
    /// </summary>
    public static void MakeWritableFor(string folder, int userId)
    {
        // Docker Desktop shares Windows folders without Unix owners or modes.
        if (OperatingSystem.IsWindows()) return;
        if (Environment.IsPrivilegedProcess)
        {
            if (chown(folder, (uint)userId, (uint)userId) != 0) throw new Win32Exception(Marshal.GetLastPInvokeError(), $"chown {folder}");
            return;
        }
        File.SetUnixFileMode(folder, File.GetUnixFileMode(folder) | UnixFileMode.OtherRead | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute);
    }

    // DllImport, not LibraryImport: the generated stubs would need unsafe code enabled for the whole project.
    [DllImport("libc")]
    private static extern uint geteuid();

    [DllImport("libc")]
    private static extern uint getegid();

    [DllImport("libc", SetLastError = true)]
    private static extern int chown([MarshalAs(UnmanagedType.LPUTF8Str)] string path, uint owner, uint group);
}
