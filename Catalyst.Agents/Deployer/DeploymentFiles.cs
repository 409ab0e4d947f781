using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Catalyst.Agents.Deployer.Routing;
using Catalyst.Core.Persistence.Entities;
using Microsoft.Extensions.Options;

namespace Catalyst.Agents.Deployer;

/// <summary>What the deployment writes, in every mode.</summary>
/// <param name="Host">The clean host name, routed or not.</param>
/// <param name="Dockerfile">The preview image's Dockerfile (base image plus the built app).</param>
public sealed record DeploymentDescription(
    Guid TaskId, string ProjectName, string Stack, string Commit, string Host, string Dockerfile, PreviewDeploymentEntity? Preview);

/// <summary>
/// artifacts/{task}/deployment/ (spec 4.6): the preview image's Dockerfile, docker-compose.preview.yml (builds
/// the tested workspace with the app's own Dockerfile), Kubernetes manifests, deployment-record.json and
/// DEPLOYMENT.md. Written in every mode; in compose_only they are the whole deployment.
/// </summary>
public sealed class DeploymentFiles(IOptions<PreviewOptions> options)
{
    const int AppPort = 8080;

    public async Task<string> WriteAsync(string deploymentFolder, DeploymentDescription d, CancellationToken ct)
    {
        Directory.CreateDirectory(Path.Combine(deploymentFolder, "k8s"));
        var name = PreviewHosts.NameFor(d.TaskId);
        var files = new Dictionary<string, string>
        {
            ["Dockerfile"] = d.Dockerfile,
            ["docker-compose.preview.yml"] = Compose(d, name),
            ["k8s/deployment.yaml"] = KubernetesDeployment(d, name),
            ["k8s/service.yaml"] = KubernetesService(name),
            ["k8s/ingress.yaml"] = KubernetesIngress(d, name),
            ["k8s/configmap.yaml"] = KubernetesConfigMap(name),
            ["deployment-record.json"] = Record(d, name).ToJsonString(new JsonSerializerOptions { WriteIndented = true }),
            ["DEPLOYMENT.md"] = Instructions(d, name),
        };
        foreach (var (path, content) in files) await File.WriteAllTextAsync(Path.Combine(deploymentFolder, path), content, ct);
        return deploymentFolder;
    }

    /// <summary>The spec's deployment record: containers, URLs, times and health.</summary>
    static JsonObject Record(DeploymentDescription d, string name)
    {
        var p = d.Preview;
        return new JsonObject
        {
            ["task_id"] = d.TaskId,
            ["deployment_mode"] = p?.Mode ?? "compose_only",
            ["commit"] = d.Commit,
            ["containers"] = p is null || p.Status == PreviewStatus.Written ? new JsonArray() : new JsonArray(new JsonObject
            {
                ["name"] = name,
                ["container_id"] = p.Mode == "docker" ? $"docker://{p.ContainerId}" : null,
                ["process"] = p.Mode == "process" ? p.ContainerId : null,
                ["image"] = p.Image,
                ["port"] = p.Port,
                ["status"] = p.Health,
            }),
            ["urls"] = new JsonObject
            {
                ["frontend"] = p?.DirectUrl,
                ["backend"] = p?.DirectUrl is { } direct ? direct + "api" : null,
                ["traefik"] = p?.CleanUrl,
                ["preview"] = p?.Status == PreviewStatus.Running ? p.Url : null,
            },
            ["deployed_at"] = p?.CreatedAt,
            ["expires_at"] = p?.ExpiresAt,
            ["health_checks"] = new JsonObject { ["last_check"] = p?.LastHealthCheck, ["backend"] = p?.Health, ["frontend"] = p?.Health },
        };
    }

    string Compose(DeploymentDescription d, string name)
    {
        // The tested workspace sits next to this folder; the app's own Dockerfile builds it from source.
        var buildArgs = d.Stack == "node" ? "" : """
                  args:
                    SDK_IMAGE: ${DOTNET_SDK_IMAGE:?set DOTNET_SDK_IMAGE to the .NET 10 SDK image}
                    RUNTIME_IMAGE: ${DOTNET_RUNTIME_IMAGE:?set DOTNET_RUNTIME_IMAGE to the ASP.NET Core 10 runtime image}

            """;
        return $$"""
            # Preview of task {{d.TaskId}} ({{d.ProjectName}}, commit {{d.Commit}}).
            #   docker compose -f docker-compose.preview.yml up -d --build
            services:
              app:
                container_name: {{name}}
                build:
                  context: ../workspace
                  dockerfile: Dockerfile
            {{buildArgs}}    ports:
                  - "127.0.0.1:${PREVIEW_PORT:-{{d.Preview?.Port ?? AppPort}}}:{{AppPort}}"
                environment:
                  PORT: "{{AppPort}}"
                  DATA_DIR: /data
                volumes:
                  - app-data:/data
                read_only: true
                tmpfs: [/tmp]
                mem_limit: {{options.Value.MemoryLimitBytes}}
                cpus: {{options.Value.Cpus.ToString(CultureInfo.InvariantCulture)}}
                pids_limit: {{options.Value.PidsLimit}}
                security_opt: ["no-new-privileges:true"]
                labels:
                  traefik.enable: "true"
                  traefik.http.routers.{{name}}.rule: "Host(`{{d.Host}}`)"
                  traefik.http.routers.{{name}}.entrypoints: "{{options.Value.Routing.TraefikEntryPoint}}"
                  traefik.http.services.{{name}}.loadbalancer.server.port: "{{AppPort}}"
                restart: unless-stopped
            volumes:
              app-data:

            """;
    }

    string KubernetesDeployment(DeploymentDescription d, string name) => $$"""
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: {{name}}
          labels: { app: {{name}}, catalyst.task: "{{d.TaskId}}" }
        spec:
          replicas: 1
          selector:
            matchLabels: { app: {{name}} }
          template:
            metadata:
              labels: { app: {{name}} }
            spec:
              securityContext: { runAsNonRoot: true, runAsUser: 1654 }
              containers:
                - name: app
                  image: catalyst-preview/{{name}}:latest
                  ports: [{ containerPort: {{AppPort}} }]
                  envFrom: [{ configMapRef: { name: {{name}}-config } }]
                  readinessProbe: { httpGet: { path: /health, port: {{AppPort}} }, periodSeconds: 5 }
                  livenessProbe: { httpGet: { path: /health, port: {{AppPort}} }, periodSeconds: 30 }
                  resources:
                    limits: { memory: "{{options.Value.MemoryLimitBytes / 1024 / 1024}}Mi", cpu: "{{options.Value.Cpus.ToString(CultureInfo.InvariantCulture)}}" }
                  securityContext: { readOnlyRootFilesystem: true, allowPrivilegeEscalation: false }
                  volumeMounts: [{ name: data, mountPath: /data }, { name: tmp, mountPath: /tmp }]
              volumes: [{ name: data, emptyDir: {} }, { name: tmp, emptyDir: {} }]

        """;

    static string KubernetesService(string name) => $$"""
        apiVersion: v1
        kind: Service
        metadata:
          name: {{name}}
        spec:
          selector: { app: {{name}} }
          ports: [{ port: 80, targetPort: {{AppPort}} }]

        """;

    static string KubernetesIngress(DeploymentDescription d, string name) => $$"""
        apiVersion: networking.k8s.io/v1
        kind: Ingress
        metadata:
          name: {{name}}
        spec:
          rules:
            - host: {{d.Host}}
              http:
                paths:
                  - path: /
                    pathType: Prefix
                    backend: { service: { name: {{name}}, port: { number: 80 } } }

        """;

    static string KubernetesConfigMap(string name) => $$"""
        apiVersion: v1
        kind: ConfigMap
        metadata:
          name: {{name}}-config
        data:
          PORT: "{{AppPort}}"
          DATA_DIR: /data

        """;

    string Instructions(DeploymentDescription d, string name)
    {
        var p = d.Preview;
        var md = new StringBuilder($"# Preview deployment of task {d.TaskId}\n\n{d.ProjectName}, commit `{d.Commit}`, {d.Stack} app.\n\n");
        if (p is { Status: PreviewStatus.Running })
        {
            md.Append($"## Access\n\n- Preview: {p.Url}\n- Direct: {p.DirectUrl}\n- API: {p.DirectUrl}api\n- Health: {p.HealthCheckUrl}\n\n");
            md.Append($"It runs as a {(p.Mode == "docker" ? $"container `{name}` (image `{p.Image}`, network `{p.Network}`)" : $"sandboxed process ({p.ContainerId})")} on port {p.Port}, ");
            md.Append($"limited to {options.Value.MemoryLimitBytes / 1024 / 1024} MiB, and expires at {p.ExpiresAt:u}.\n\n");
            md.Append($"## Manage\n\n`CATALYST_URL` is where Catalyst's API listens.\n\n```sh\ncurl {ApiHint}/api/preview/{d.TaskId}\ncurl -X POST {ApiHint}/api/preview/{d.TaskId}/restart\ncurl -X DELETE {ApiHint}/api/preview/{d.TaskId}\n```\n\n");
        }
        else md.Append("Nothing was started (compose_only): run it with the commands below.\n\n");
        md.Append("## Run it yourself with Docker Compose\n\n```sh\ncd " + "artifacts/" + d.TaskId + "/deployment\n");
        if (d.Stack != "node") md.Append("export DOTNET_SDK_IMAGE=<the .NET 10 SDK image> DOTNET_RUNTIME_IMAGE=<the ASP.NET Core 10 runtime image>\n");
        md.Append("docker compose -f docker-compose.preview.yml up -d --build\n# stop and remove:\ndocker compose -f docker-compose.preview.yml down -v\n```\n\n");
        md.Append($"## Kubernetes\n\n```sh\ndocker build -t catalyst-preview/{name}:latest -f Dockerfile <the built app folder>\nkubectl apply -f k8s/\n```\n\n");
        md.Append($"The ingress routes `{d.Host}` to the service.\n");
        return md.ToString();
    }

    const string ApiHint = "$CATALYST_URL";
}
