# ruff: noqa: E501
"""Generate the sample survey export corpora/survey/beacon-survey-2026.csv and its ground truth.

Fictional data for the synth sample corpus (CC0 1.0): 300 respondents to a developer survey about
"Beacon", an invented CI/CD and preview-environments product. Every free-text answer below was
written by hand for this corpus; the script only picks and combines them.

Deterministic: stdlib only, one random.Random(2026), no clock, no environment lookups. Running it
twice produces byte-identical files.

    .venv/bin/python benchmarks/truth/make_survey.py

Writes
    corpora/survey/beacon-survey-2026.csv        the export (wide, one row per respondent)
    benchmarks/truth/sample-survey-truth.csv     Response ID,segment,buyer

Planted structure (see corpora/README.md):
    segments  platform 75, frontend 75, maintainer 55, data 55, buyers 40
    ICP       51-500 employees, SaaS or Fintech  -> mostly daily use, NPS 8-10
    negative  1001+ employees in Banking / Government / Insurance / Healthcare -> NPS 0-5, rare use
              1-10 (and some 11-50) person agencies -> NPS middling, monthly or less
"""

from __future__ import annotations

import csv
import datetime as dt
import random
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SURVEY_OUT = ROOT / "corpora" / "survey" / "beacon-survey-2026.csv"
TRUTH_OUT = ROOT / "benchmarks" / "truth" / "sample-survey-truth.csv"

SEED = 2026
SEGMENT_SIZES = {"platform": 75, "frontend": 75, "maintainer": 55, "data": 55, "buyers": 40}

Q_ROLE = "What is your role?"
Q_SIZE = "How many people work at your company?"
Q_INDUSTRY = "Which industry is your company in?"
Q_REGION = "Region"
Q_YEARS = "Years of professional experience"
Q_LANG = "Primary programming language"
Q_USAGE = "How often do you use Beacon?"
Q_REVENUE = "Annual revenue band"
Q_NPS = "How likely are you to recommend Beacon to a colleague? (0-10)"
FREE_TEXT = {
    "hardest": "What is the hardest part of shipping software at your company right now?",
    "tools": "Which tools, editors and services do you rely on every day?",
    "workflow": "Walk us through how a change gets from your laptop to production.",
    "collab": "Who do you work with most closely, and who do you depend on?",
    "online": "Where do you go online to learn, ask questions or talk with other developers?",
    "drive": "What drives you in your work, and where do you want your career to go?",
    "indispensable": "What would make Beacon indispensable for you?",
}
HEADER = [
    "Response ID",
    "Started",
    "Submitted",
    "Status",
    Q_ROLE,
    Q_SIZE,
    Q_INDUSTRY,
    Q_REGION,
    Q_YEARS,
    Q_LANG,
    Q_USAGE,
    Q_REVENUE,
    Q_NPS,
    *FREE_TEXT.values(),
]
FIRST_ANSWER_COL = HEADER.index(Q_ROLE)

# Hand-written answer pools: POOLS[segment][question] -> list of answers.
# Buyer answers may carry a tag prefix: "G|" growth-stage/ICP buyers only, "E|" enterprise only,
# "S|" small agency/startup only; untagged answers fit any buyer.
POOLS: dict[str, dict[str, list[str]]] = {}

POOLS["platform"] = {
    "hardest": [
        "Flaky pipelines. Nobody trusts a red build anymore, they just hit re-run until it goes green.",
        "Build times. Our main Go service takes 20+ min from push to green and people context-switch while they wait.",
        "YAML sprawl, honestly. 40-something GitHub Actions workflows that all drifted apart.",
        "cloud cost. finance wants a number per team and CI is a black box",
        "On-call noise. Half our pages come from CI infra or from alerts nobody has tuned since 2022.",
        "Keeping Helm charts, Argo CD apps and CI config in sync across 3 environments without someone fat-fingering a values file.",
        "There's no place to test a change in a realistic environment before merge, so people merge to find out. Staging is permanently broken by someone.",
        "Self-hosted runners on k8s. Fast when they work, and when they don't it's me debugging evicted pods at 11pm.",
        "Migrating off GitHub Actions without freezing every team for a quarter.",
        "Secrets. Vault -> External Secrets -> pods -> CI, every hop is a place to break",
        "Getting 80 engineers to follow one paved road instead of building snowflake pipelines.",
        "Docker layer caching that actually survives between runs. The cache gets evicted and we're back to 18 minute builds.",
        "Compliance evidence for SOC 2: who approved which deploy, when. We stitch it together by hand every audit.",
        "the monorepo. every change rebuilds the world",
        "Flaky integration tests + a 25 min pipeline = devs batching changes, which makes every deploy riskier. Classic vicious circle.",
        "Too many tools. Terraform, Terragrunt, Helm, Argo, Actions, Datadog monitors as code... each one its own config dialect.",
        "Cost attribution. I can tell you what the cluster costs, not what a pull request costs.",
        "Preview environments. We hacked something together with ApplicationSets and it's held together with Bash.",
        "Being a team of 3 supporting 100+ devs. Every interrupt is a context switch away from the roadmap.",
        "Reliability of the CI provider itself tbh. Two outages last month blocked releases.",
        "Slow feedback. By the time the pipeline fails the dev has moved on to somethign else.",
        "Upgrades. k8s minor versions, Helm chart deps, runner images... the treadmill never stops.",
        'Our "platform" is three people, a Slack channel and a lot of goodwill.',
        "Ephemeral envs that don't clean up after themselves and quietly keep a load balancer each. That's real money.",
        "Speed vs safety on the payment services. Every deploy there needs a security sign-off and it bottlenecks on one person.",
        "Debugging someone else's pipeline at 3am because the rotation says it's my week.",
        "GitOps drift. What's in the repo isn't always what's running, and Argo sync waves are... an art.",
    ],
    "tools": [
        "Neovim, k9s, kubectl, Terraform, Argo CD, Grafana, PagerDuty, Slack",
        "VS Code w/ the Go and HashiCorp extensions. GitHub, GitHub Actions (for now), Datadog, PagerDuty.",
        "terminal (tmux + zsh), kubectl, helm, terraform, stern, jq. Datadog for APM, Grafana for cluster dashboards",
        "Kubernetes (EKS), Terraform + Atlantis, Helm, Argo CD, Prometheus/Grafana, Loki, PagerDuty, and Beacon for CI.",
        "GoLand, k9s, Lens occasionally, GitHub, the Beacon CLI, Vault, Datadog",
        "Mostly the terminal. Go, bash, make. Then Slack and PagerDuty whether I like it or not.",
        "Grafana is my home page. Then GitHub, the Argo CD UI, Terraform Cloud, Datadog, Opsgenie.",
        "GKE, Terragrunt, Helm, Argo CD, Argo Rollouts, Prometheus, Grafana, PagerDuty, GitHub",
        "Beacon (CI + previews), GitHub, Argo CD, Helm, Datadog. vim for everything else",
        "AWS console more than I'd like to admit, kubectl, Terraform, Helm, Datadog, PagerDuty, Jira for the platform backlog",
        "Cilium, cert-manager, external-dns, Karpenter, Argo CD... basically the CNCF landscape poster",
        "Go, Python, Bash. Terraform. Kustomize AND Helm (don't ask). GitHub Actions, moving to Beacon. Grafana, PagerDuty.",
        "1Password, Vault, Teleport for access, kubectl, Argo CD, Datadog, Sentry",
        "Emacs (yes really), magit, kubectl, Terraform, Grafana",
        "Slack, PagerDuty, Grafana, Datadog, Argo CD, GitHub. In order of how often they interrupt me.",
        "k9s and a lot of shell aliases. Helm, Terraform, tflint, checkov, trivy for image scanning.",
        "GitHub, Renovate, Argo CD, Helm, Terraform, Datadog, PagerDuty, Linear",
        "VS Code, Copilot, kubectl, Helm, Terraform, Atlantis, Grafana, Prometheus, Alertmanager",
        "Beacon CLI daily (beacon logs, beacon env ls), kubectl, Argo, Grafana",
        "Pulumi in Go instead of Terraform, EKS, Argo CD, Honeycomb, incident.io",
        "Crossplane, Argo CD, Backstage for the service catalog, Grafana, PagerDuty",
        "tmux, neovim, kubectl, kubectx, helmfile, terraform, aws-vault, grafana, pd",
        "GitHub + Actions, ECR, EKS, Terraform, Helm, Datadog (APM, logs, monitors), PagerDuty, Slack, Notion for runbooks",
        "OpenTelemetry collector, Tempo, Loki, Grafana. k8s + Argo for deploys. Terraform. Go for internal tools.",
        "Whatever is open in my 40 browser tabs: Argo, Grafana, GitHub, Datadog, AWS, PagerDuty, the Beacon dashboard.",
        "kubectl, stern, dive (for image layers), hadolint, terraform, infracost (finance loves it)",
    ],
    "workflow": [
        "Short-lived branch -> PR -> CI (lint, unit, build image) -> 1 review -> merge to main -> image pushed -> bot bumps the tag in the GitOps repo -> Argo CD syncs staging -> promotion PR -> prod.",
        "Trunk based. The PR gets a Beacon preview env, reviewer clicks around, merge, Argo CD rolls it out to staging then prod with an Argo Rollouts canary.",
        "Push, wait 20 minutes for Actions, re-run the flaky job, wait another 20, get a review, merge, Argo syncs, watch Grafana for 15 minutes. Repeat.",
        "Branch, PR, CODEOWNERS review (platform owns /infra), CI builds and signs the image with cosign, merge, GitOps PR to the staging values, Argo sync, smoke tests, manual promote to prod.",
        "Terraform changes: PR -> Atlantis plan as a comment -> review -> atlantis apply -> merge. App changes go through Argo CD.",
        "dev pushes -> beacon builds & runs tests in ~6min -> preview namespace per PR -> review -> merge -> image tag bump -> argo -> prod. we deploy 20-30x a day",
        "PR, CI, review, merge. Then our release bot opens the prod promotion PR, which needs an approval from the service owner. Security approves too for anything touching payments.",
        "Laptop -> feature branch -> PR -> checks -> squash merge -> main build -> staging auto-deploy -> prod deploy behind a feature flag, then flag rollout.",
        "Honestly: merge to main, hope, watch Datadog. We don't have good pre-merge environments yet.",
        "Helm chart changes go through a separate chart repo with chart-testing, then a version bump PR in the app repo. Two PRs for one change, it's painful.",
        "Code review -> merge -> CI builds multi-arch images -> push to registry -> Argo Image Updater bumps staging -> e2e suite -> promotion PR -> prod with a 10% canary for 30 min.",
        "PR triggers the Beacon pipeline + preview env, QA tests in the preview, one approval, merge, GitOps commit, Argo syncs prod. Rollback = git revert.",
        "We're mid-migration: half the services on GitHub Actions, half on Beacon. Both end in a GitOps PR that Argo syncs.",
        "Branch -> PR -> tests -> review -> merge -> deploy to staging -> wait for the daily release train at 2pm -> prod.",
        "Trunk-based with feature flags. CI on every push, deploy on every merge, GitOps all the way. No manual kubectl in prod, ever (in theory).",
        "1. push\n2. wait for CI\n3. re-run the flaky e2e job\n4. merge\n5. Argo CD does the rest",
        "PR -> pre-commit + lint + tests -> terraform plan if infra changed -> review -> merge -> build -> helm upgrade via Argo -> synthetic checks -> done.",
        "Devs open a PR, the pipeline runs, they ping #platform when it fails, I look at it, it was the cache. Then merge and Argo CD deploys.",
        "Feature branch, PR, CI, two reviews for anything in the payments domain, merge, image promoted by digest through dev -> staging -> prod via GitOps PRs.",
        "Commit, push, Beacon runs the pipeline and spins up an ephemeral env, product/QA sign off on the preview, merge, Argo rolls out.",
        "CI runs a matrix of unit + integration, images are built once and promoted (never rebuilt), Argo CD with sync waves so migrations go first.",
        "pr -> ci -> review -> merge -> argocd -> prod. simple in theory, 25 min in practice",
        "PR + CI, then a change ticket gets auto-created for the audit trail (fintech...), then Argo syncs and PagerDuty gets a deploy marker.",
        "It depends which team you ask, which is the problem. There are 4 different deploy paths and I'm trying to get it down to 1.",
        "Branch, PR, preview env, review, merge, staging soak for an hour, prod. Rollback through Argo history.",
        "Local kind cluster with Tilt for dev, then PR, CI, review, merge, GitOps, prod.",
    ],
    "collab": [
        "Backend teams are my customers. Security reviews everything IAM. Finance pings me monthly about cloud spend.",
        "The other 3 people in platform, the backend leads, and whoever is on the SRE rotation with me that week.",
        "Security team (we're fintech, so a lot), backend engineers, and our CTO who owns the cloud budget",
        "I depend on the backend teams writing sane Dockerfiles. They depend on me for everything else.",
        "SRE on-call rotation, product engineering teams, and more and more the FinOps / finance folks.",
        "Mostly backend devs. Also the security folks, for SOC 2 evidence and access reviews.",
        "I work with every team, which means I work closely with none of them, if that makes sense.",
        "Backend, data platform, security, and our vendors' support engineers (the good ones)",
        "Dev teams (~12 squads), security, compliance, and the infra budget owner in finance.",
        "SREs and backend devs mostly. I depend on AWS not having a bad day and GitHub not having a bad day. Lately it's been GitHub.",
        "Other platform engineers, the on-call rotation, and the engineering managers who decide whether migrations get prioritised.",
        "security + backend. and the finance controller who asks what a CI minute costs (I still don't know)",
        "Backend teams writing Go and Python. Security for approvals on anything touching prod payments. My EM for priorities.",
        "I pair a lot with the senior backend engineers on pipeline stuff, and I'm in the incident channel with SRE half the week.",
        "My lead, the dev teams, security. We depend heavily on vendors (AWS, GitHub, Datadog, Beacon) so on their engineers too, indirectly.",
        "Engineering teams, security, and the data team who keep asking for their own k8s namespace",
        "Backend + mobile teams for CI, security for policy, finance for spend, and the CTO for 'why is the bill up'",
        "I'm on a team of two. So: the other person, and everyone else.",
        "Developers, security, QA. The on-call rotation is shared with senior backend engineers.",
        "Product teams consuming the platform, our one security engineer, and the auditors once a year (fun).",
        "Closest: SRE + backend. Depend on: the cloud provider, the CI vendor, and the one person who understands our Terraform state.",
        "Backend developers, security, on-call SREs. Sometimes product, when an incident hits customers.",
        "The backend platform guild (~15 people across teams), security and the FinOps working group",
        "Honestly the Argo and Helm communities. I depend on those maintainers more than on anyone internal.",
        "Backend, security, finance. In order of how often I talk to them, and reverse order of how scary the meetings are.",
    ],
    "online": [
        "CNCF Slack (argo-cd, helm channels), r/devops, Hacker News",
        "Hacker News every morning, the SRE Weekly newsletter, KubeCon talks on YouTube",
        "CNCF Slack, Kubernetes Slack, KubeCon when I can get budget",
        "r/devops and r/kubernetes, mostly lurking. HN. A couple of platform engineering newsletters.",
        "SRE Weekly is the one newsletter I actually read. Also the Argo CD GitHub discussions.",
        "HN, lobste.rs occasionally, CNCF Slack, and a private Slack with SREs from other scale-ups.",
        "KubeCon EU every year, CNCF Slack, the Platform Engineering Slack, r/devops",
        "mostly hacker news and reddit (r/devops, r/sre). I answer questions in the CNCF slack sometimes",
        "SREcon and KubeCon, SRE Weekly, Hacker News, and the HashiCorp forum for Terraform weirdness.",
        "Local Kubernetes meetup + CNCF Slack. Gave a talk at the meetup about our GitOps setup.",
        "Hacker News, CNCF Slack, vendor community Slacks (Beacon's is actually good, engineers answer).",
        "r/devops, r/kubernetes, HN, and YouTube for KubeCon recordings since I rarely get to travel.",
        "GitHub issues of the projects we use. CNCF Slack. SRE Weekly. That's about it.",
        "Twitter used to be it, now it's mostly the CNCF Slack and a few Mastodon accounts. HN daily.",
        "Kubernetes Podcast, SRE Weekly, HN, KubeCon. I'm in the #argo-cd channel pretty much every day.",
        "DevOps Weekly + SRE Weekly newsletters, r/devops, the Grafana community forum",
        "Hacker News comments (better than the articles), CNCF Slack",
        "cncf slack, kubecon, HN, some discord servers for homelab stuff",
        "Reddit r/devops for rants, CNCF Slack for real answers, Hacker News for news",
        "KubeCon NA last year, Platform Engineering meetups, HN, SRE Weekly",
        "I read postmortems. SRE Weekly, the k8s failure stories, HN. And CNCF Slack when I need help.",
        "The Kubernetes Slack and CNCF Slack, HN, and I go to KubeCon + the local DevOpsDays.",
        "HN and r/devops. Occasionally post on r/kubernetes when I'm really stuck.",
        "Mostly Slack communities: CNCF, Kubernetes, Rands Leadership for the career side. Plus HN.",
        "SRE Weekly, HN, CNCF Slack, and the Beacon community Slack where I pester your engineers.",
        "KubeCon + CloudNativeCon Europe (Paris was great), CNCF Slack, r/devops",
    ],
    "drive": [
        "Leverage. Fix the build once and 80 engineers get their afternoon back.",
        "I like making on-call humane. Every alert I delete is a small win. Career-wise: staff platform engineer.",
        "Being close to the tools. If I bet our CI on a vendor I want to talk to the people building it and have a say in the roadmap.",
        "Staff/principal eventually. I want to design the platform, not just keep it running.",
        "I like boring, reliable systems. Want to grow into an SRE lead role.",
        "Automation. Twice = script it, three times = it goes in the pipeline. Long term: platform team lead.",
        "Honestly? Getting early access to new stuff and breaking it before everyone else. I love being in betas.",
        "Making developers faster without them noticing the platform exists. That's the goal.",
        "I want to influence the tools I use every day. Heavy users should shape the roadmap, not just the buyers.",
        "solving hard infra problems. probably staff eng track, not management",
        "Reducing cognitive load for product teams. Career: head of platform at a scale-up.",
        "I enjoy distributed systems failing in creative ways. Would like to move toward reliability architecture.",
        "Cost. I know it's weird but I love cutting the cloud bill. FinOps + platform is where I want to go.",
        "Learning. Kubernetes never stops changing. I want to stay hands-on for as long as possible.",
        "A direct line to the engineers of the products we rely on. That's what makes me productive, and it's why I do betas and advisory calls.",
        "Calm on-call weeks and fast builds. Beyond that, become the go-to person for k8s in the company.",
        "Building internal platforms that people actually choose to use. Maybe give a KubeCon talk someday.",
        "Being trusted with production. I want to lead the platform team within 2 years.",
        "Good question. I think it's the satisfaction of a green pipeline that stays green.",
        "Shipping infra that outlives me at the company. Career: principal engineer.",
        "Being the person who knows how things really work under the hood. Also getting to test new features before GA.",
        "Paved roads. I want to move from 'the person who fixes CI' to 'the person who designs how we ship'.",
        "Impact on reliability metrics I can point at. Maybe SRE management later, not sure yet.",
        "honestly just not getting paged at 3am. beyond that, mastering Go and k8s internals",
        "Giving feedback that actually changes products. I've filed a lot of issues; the ones that got fixed are why I stay loyal to a tool.",
    ],
    "indispensable": [
        "Helm-native preview environments that work with our existing charts and values layering.",
        "Budget alerts and cost per pipeline / per team. Finance asks me every month.",
        "An early-access / beta program and a direct channel to the engineers. We're heavy users and want a say in the Kubernetes roadmap.",
        "Reusable pipeline templates with inheritance, so we don't end up with 40 copy-pasted beacon.yml files.",
        "Flaky test detection + auto-quarantine. Fix flakiness and you win.",
        "Argo CD integration: preview envs via Argo, prod via Argo, one source of truth.",
        "Native Vault / External Secrets support in preview namespaces.",
        "SAML + SCIM with Okta without jumping to the enterprise price.",
        "Audit log export of every prod deploy with approvers. One click, for SOC 2.",
        "Self-hosted runners in our own k8s cluster with your control plane. Some jobs have to stay in our VPC.",
        "An importer for GitHub Actions workflows. The migration is the hard part.",
        "keep the build times where they are and make the pricing predictable",
        "Better `beacon logs`: follow across pod restarts, stream several services at once.",
        "Automatic teardown of stale preview environments. They cost us money.",
        "A Terraform provider for Beacon so projects, secrets and settings live in our IaC.",
        "Pipeline metrics (duration, flake rate, queue time) exported to Grafana/Datadog out of the box.",
        "A roadmap we can see and vote on, with honest timelines. Worth more than any single feature.",
        "Multi-cluster previews: the service in our cluster, dependencies stubbed.",
        "It's already close. Fix the Helm values handling and I'd move all 60 services.",
        'Better error messages for beacon.yml validation. "invalid config at line 40" tells me nothing.',
        "A remote cache that works across branches and forks. That's where most of our minutes go.",
        "Don't page me. If your runners die that's your pager, not mine. (Already mostly true :)",
        "Policy as code for pipelines (OPA), so security can enforce rules without reviewing every PR.",
        "Per-team quotas for build minutes, with alerts to the team's channel.",
        "Merge queue support that plays nicely with preview envs.",
        "Keep the community Slack with real engineers answering. Honestly that's why we picked you.",
    ],
}

POOLS["frontend"] = {
    "hardest": [
        "Slow preview deploys. The designer asks for a 2px change and waits 9 minutes to see it.",
        "Environment variables!! Something is always missing in preview and the page is just blank.",
        "Showing work to clients. They don't read emails and send feedback on WhatsApp at 10pm.",
        "Docs that assume I'm a DevOps person. I just want a preview link for my Next.js app.",
        "Getting feedback in one place. It's scattered across Slack, Figma comments, Linear and Loom.",
        "Keeping up with Next.js. App router, server components, caching... it changes every release.",
        "build times got bad once we had thousands of product pages pre-rendered",
        "Small team, too many hats. I'm the frontend dev, the devops person and sometimes QA.",
        "Flaky Playwright tests in CI that pass locally",
        "Clients want to see progress constantly and every preview burns build minutes we can't bill.",
        "Budget. Every SaaS tool is per-seat, and our designers and PMs need access too.",
        "Getting designers and PMs to review the actual preview instead of screenshots.",
        "Secrets per client per environment across 20 projects. I copy-paste API keys between dashboards all day.",
        "No staging env. Preview IS staging, so when the preview breaks everything's blocked.",
        "Honestly the hardest part is confusing docs. Half the tutorials are for an older version.",
        "Visual regressions. Something in Tailwind changes and the checkout looks broken on Safari.",
        "deadlines from marketing. landing page needed 'by tomorrow' every single week",
        'Explaining to a client why "it works on my machine" but not on the preview link.',
        "Cold starts and image optimisation making previews feel slow in client demos.",
        "Coordination with the backend when the API isn't ready and I'm mocking everything.",
        "The checkout. Every payment provider has a different sandbox and a different env var setup.",
        "Time. Agency life: 5 projects at once, no time to set up proper CI for each one.",
        "Getting sign-off. The client's boss sees it for the first time on launch day.",
        "Preview deploys that work on Vercel but not on the client's own hosting",
        "Monorepo with Storybook + the Next app + a shared UI package: builds are slow and the caching is confusing.",
        "figuring out why a deploy failed. the logs are huge and I don't know what I'm looking for",
    ],
    "tools": [
        "VS Code, Figma, Next.js, Tailwind, Vercel, GitHub, Slack",
        "VS Code + Copilot, Storybook, Playwright, Vercel, Linear, Loom",
        "Cursor, React, TypeScript, Tailwind, shadcn/ui, Netlify, Figma",
        "VS Code, Chrome devtools, Figma, Notion, WhatsApp (clients...), Netlify or Vercel depending on the client",
        "Next.js, Sanity, Tailwind, Vercel, GitHub, Beacon for previews, Figma",
        "vscode, figma, storybook, github, discord, chatgpt",
        "VS Code with Prettier/ESLint/Tailwind IntelliSense, pnpm, Turborepo, Playwright, Storybook, Chromatic",
        "Shopify Hydrogen / Next.js Commerce, Tailwind, Vercel, Figma, Loom",
        "React, Vite, TypeScript, Tailwind, Supabase, Netlify, Figma",
        "The Beacon VS Code extension to see preview status, GitHub, Figma, Slack, Linear",
        "Astro for marketing sites, Next.js for apps, Tailwind everywhere, Netlify, Storyblok",
        "WebStorm, Figma, Jira (ugh), Bitbucket, Storybook",
        "VS Code, GitHub Desktop (don't judge), Figma, Vercel",
        "Next.js, Prisma, Postgres, Vercel, Stripe, Resend, Figma",
        "Figma, Framer for prototypes, React, Tailwind, Netlify, Notion, Slack",
        "VS Code, Arc, Raycast, Figma, Linear, GitHub, Vercel, Sentry",
        "TypeScript, React Query, Zustand, Tailwind, Storybook, Playwright, Beacon previews",
        "Vue + Nuxt actually, Tailwind, Netlify, Figma. Not everyone is on React :)",
        "cursor + claude, nextjs, tailwind, vercel, figma, discord",
        "VS Code, Storybook, Figma Dev Mode, Playwright, GitHub Actions, Netlify",
        "Remix, Tailwind, Fly.io, GitHub, Figma, and Loom for async updates to the client",
        "Browser devtools honestly. And Figma, VS Code, GitHub, Vercel",
        "Next.js + Tailwind + Vercel + Figma. plus Notion for client docs and Loom for walkthroughs",
        "VS Code, Figma, Storybook, Playwright, Percy for visual diffs, Vercel",
        "WordPress (headless), Next.js, Tailwind, Netlify, Figma, Trello with clients",
        "VSCode, Figma, the Beacon CLI (just `beacon preview` really), GitHub, Slack",
    ],
    "workflow": [
        "Branch, push, wait for the preview, send the link to the designer, fix feedback, merge to main = production.",
        "I build components in Storybook first, then wire them into the page, push, preview deploy, PM + designer review, a teammate reviews the code, merge.",
        "git push -> preview URL on the PR -> client clicks it -> 3-4 rounds of feedback -> merge -> live",
        "push to a branch, vercel builds a preview (8-9 min lol), share it in slack, merge when everyone's happy",
        "Feature branch, PR, lint + type-check + Playwright in GitHub Actions, Beacon preview link auto-posted, review, squash merge, prod deploy.",
        "Local dev -> PR -> preview -> designer leaves comments on the preview page -> fix -> merge. No staging, we're brave.",
        "Honestly I push to main for small stuff. Bigger stuff gets a branch and a preview.",
        "Branch per ticket, preview per branch, client approval in writing (learned that the hard way), then merge and deploy.",
        "Code -> commit -> PR -> CI runs tests -> preview env -> QA by the PM -> approve -> merge -> Vercel deploys prod",
        "I work on a branch, push, and then record a Loom of the preview for the client, because they won't click the link.",
        "PR, Chromatic visual review for the component library, preview for the app, 1 approval, merge. Production deploys automatically.",
        "we have dev/staging/prod branches. merge to dev, then staging, then prod. it's a bit old school",
        "Branch -> preview -> review on a call with the designer, live edits, push again -> merge.",
        "Push, Netlify deploy preview, send the link on WhatsApp to the client, wait for the voice note, fix, repeat, merge.",
        "Open the PR early as a draft, the preview updates on every push, product & design comment along the way, mark ready, review, merge.",
        "Commit, push, CI (lint, unit, e2e), preview env, marketing checks the copy, merge to main, production in ~3 min.",
        "Work locally against the staging API, push, get a preview, test it on my phone, share, merge.",
        "Client signs off the Figma, I build, preview link for every milestone, final sign-off, then I switch DNS on launch day.",
        "Usually: branch, PR, preview, ping the PM, merge. For hotfixes: straight to main and pray.",
        "PR -> checks -> preview URL -> designer + PM review -> code review -> merge -> prod. Rollback = redeploy the previous build.",
        "Push to GitHub, Beacon builds a preview in ~3 min, I paste the link into the Linear ticket, PM tests, merge",
        "We're a 2 dev team so review is informal. Push, preview, quick look from the other dev, merge.",
        "Storybook -> component PR -> app PR -> preview -> client demo -> merge. Sometimes the client demo is the first real test, oops.",
        "branch, commit, push, preview, feedback, fix, merge. repeat x4 for every landing page",
        "Local -> PR -> GitHub Actions -> preview deploy -> stakeholders review -> merge -> production.\nEnv vars get copied by hand between environments (that's the weak link).",
    ],
    "collab": [
        "Our designer, every day. Product manager. Sometimes the client directly.",
        "Designers and PMs. I depend on the backend dev having the API ready, which is never.",
        "Clients, honestly. And our 2 designers. We sit together.",
        "The designer (we're on calls 3x a week), the marketing team, and our head of product.",
        "PM, designer, QA. The backend team for the API contract.",
        "Mostly designers. I depend on Figma being up to date, which is a lie",
        "Clients and their marketing teams. Our project manager handles most of the communication.",
        "The other frontend dev, the designer, and the founder who wants to see everything.",
        "Design + product + content editors. Editors need to see previews with real content.",
        "I'm freelance so: clients, the agency that subcontracts me, sometimes other freelancers.",
        "Designer, copywriter, SEO person, client. Developers are a minority in my projects lol",
        "UX designer and product owner. We depend on a headless CMS team at the client.",
        "The marketing team mostly: landing pages, campaigns, A/B tests.",
        "Backend dev + designer + PM. Small startup, we're all in one Slack channel.",
        "Designers and clients. And the hosting provider's support when things break at launch.",
        "Product managers and designers. I also help the support team reproduce bugs.",
        "Our designer and the e-commerce manager who owns the Shopify store",
        "Figma people (designers), product, and the growth team",
        "Client-side devs sometimes, when the client has an in-house team. Otherwise designers.",
        "A designer and a PM, both remote. So async: Loom, Figma comments, preview links.",
        "Editors, designers and the one backend person who knows the CMS",
        "Founders, designers, and the photo/content people for e-commerce shoots",
        "the designer, the PM, the QA contractor. and stack overflow lol",
        "Designers, PMs and our agency partners who handle the backend",
        "Design team and brand/marketing. I depend on them for assets and sign-off.",
    ],
    "online": [
        "Twitter/X, Reactiflux Discord, dev.to",
        "YouTube tutorials (a lot), dev.to, the Next.js Discord",
        "X mostly, some Bluesky now. Discord servers. Local React meetup.",
        "dev.to (I write there too), YouTube, Reactiflux",
        "Discord communities, YouTube, Stack Overflow when desperate",
        "Twitter, Discord, and the local JS meetup once a month",
        "YouTube + Twitter. I follow a lot of frontend creators. Trying to post more myself.",
        "Reactiflux, the Tailwind Discord, Frontend Mentor, dev.to",
        "I have a small YouTube channel (tutorials), so YouTube, plus X and a few Discords",
        "Local meetups + X. I want to start speaking at meetups this year.",
        "dev.to and Hashnode for reading and writing, Discord for asking questions",
        "r/nextjs, r/reactjs, Discord, YouTube",
        "Mostly YouTube and TikTok dev content tbh. Discord when I'm stuck.",
        "Twitter/X, Reactiflux, the Syntax podcast, and meetups in my city",
        "Frontend Masters, YouTube, the Astro Discord, dev.to",
        "I post on LinkedIn and X about what I build, to get freelance gigs. Discord for help.",
        "ChatGPT first, then Discord, then Stack Overflow.",
        "Discord (Reactiflux, Theo's server), X, YouTube",
        "Newsletters like Bytes and This Week in React, plus X and dev.to",
        "The local JS meetup (I help organise it), YouTube, Discord",
        "Italian / Spanish / Portuguese dev communities on Discord and Telegram, plus YouTube. Comunidade é tudo.",
        "X and Bluesky, Reactiflux, and conference talks on YouTube (React Summit, Next.js Conf)",
        "Twitch streams of people coding, Discord, X",
        "dev.to, Medium, YouTube, and a women-in-frontend Slack",
        "reddit, discord, youtube. sometimes twitter but it's gotten weird",
    ],
    "drive": [
        "Getting to senior in the next 2 years. And building a portfolio people actually see.",
        "I want to be known for something. I write tutorials and I'd love to speak at a conference.",
        "Career growth. I'm self-taught so visibility matters a lot; blog posts got me my last two jobs.",
        "Making beautiful stuff people use. And more freelance gigs on the side.",
        "I want to move into DevRel eventually. Writing and teaching are my favourite parts of the job.",
        "Money, honestly, and freedom. Want to go fully freelance.",
        "Growing the agency: better clients, bigger projects. My YouTube channel brings in leads.",
        "Learning new frameworks and sharing what I learn. My dev.to posts are basically my CV.",
        "The moment a designer sees their Figma come alive in the browser. Career: design engineer.",
        "Become a staff frontend engineer, or start my own product.",
        "I like shipping fast and seeing people use it. Would love to build an audience on YouTube.",
        "Recognition tbh. I want people to know my name in the React community.",
        "Paid gigs from my public portfolio. Every project I show publicly brings new work.",
        "Craft. Animations, accessibility, performance. I want to be the frontend person people ask.",
        "Building my personal brand: tutorials, a newsletter, maybe a course someday.",
        "I want to speak at a meetup this year, then a conference next year.",
        "To level up from 'junior who builds landing pages' to someone who architects frontends",
        "Side projects and writing about them. That's how I got noticed in the first place.",
        "Teaching. I run workshops at our local meetup and I love it.",
        "Work-life balance + growth. A remote senior role at a product company.",
        "Getting featured. A retweet from a big account changed my career once, I want more of that.",
        "Being good at the whole stack, not only the UI. Full-stack with a design eye.",
        "More interesting clients, and a portfolio that sells itself",
        "honestly being able to show my work to people. thats the best part",
        "Becoming a developer advocate. I already make the content, I just don't get paid for it.",
    ],
    "indispensable": [
        "Previews in under 2 minutes for a Next.js app. That's it, that's the feature.",
        "An up-to-date Next.js (app router) guide. The docs are written for DevOps people.",
        "Free viewer seats for designers, PMs and clients. Per-seat pricing kills it for us.",
        "Simple env var management: show me what's missing in preview vs production BEFORE it breaks.",
        "Comments on the preview page that sync to Figma / Linear",
        "An agency plan: flat price, lots of small client projects, unlimited client viewers.",
        "Feature community tutorials. I'd write one if you shared it.",
        "One-click import from Vercel/Netlify, env vars included.",
        "Password-protected preview links I can send to clients without them needing an account.",
        "Cheaper. Seriously, for a 3-person startup the team plan is a lot.",
        "Zero config. Detect Next.js / Astro / Vite and just work without a beacon.yml.",
        "A visual diff between the preview and production, with screenshots on every PR.",
        "A template gallery / starters I can fork and show off",
        "better docs with video walkthroughs",
        "Preview links that don't expire, so clients can look at old versions",
        "A VS Code extension that shows the preview inline and explains the build logs in plain English.",
        "Branded preview URLs (client-name.preview.myagency.com).",
        "Instant rollbacks and production hosting too, so I can replace Vercel entirely.",
        "Explain build failures in human language. I don't know what 'exit code 137' means.",
        "A showcase or community program for people who write about Beacon. I'd be first in line.",
        "Clear pricing for small teams. I couldn't figure out if designers count as seats.",
        "Shopify / headless commerce templates with previews wired to the dev store.",
        "A QR code for the mobile preview on each PR so the PM can check it on their phone.",
        "Faster cold starts on preview environments for client demos",
        "Honestly, if it was as easy as Netlify but faster I'd switch all my client projects.",
    ],
}

POOLS["maintainer"] = {
    "hardest": [
        "CI minutes for the OS/arch matrix. macOS runners queue forever on the free tier.",
        "Burnout. I maintain this on evenings and weekends and the notifications never stop.",
        "Flaky tests on Windows that only fail in CI and make contributors think they broke something.",
        "Triage. Half the issues are support questions, the other half are bugs in someone else's crate.",
        "Onboarding contributors. The dev setup is complicated and people give up before their first PR.",
        "Funding. GitHub Sponsors covers the domain name, not my time.",
        "reviewing big PRs from first-time contributors takes hours and I feel bad saying no",
        "Release engineering: building wheels/binaries for every platform is the most fragile part of the project.",
        "Testing against 4 databases x 3 versions x 3 OSes. The matrix IS the project.",
        "Being the bus factor. If I get sick, nothing gets released.",
        "Entitled users. Companies that depend on us, never contribute, and open issues demanding fixes.",
        "MSRV policy vs. dependencies bumping their MSRV every other week",
        "Time. I have ~5 hours a week and 40 open PRs.",
        "Keeping CI green across stable, beta and nightly Rust. Nightly breaks something every week.",
        "Security reports and the CVE process with no security team. It's just me reading emails at midnight.",
        "Migrating CI providers every few years when a free tier disappears. Travis -> Actions -> ?",
        "Coordinating with co-maintainers across 3 timezones",
        "Documentation. Nobody wants to write it, everybody complains about it.",
        "flaky network-dependent tests. python 3.9 to 3.13 x pypy x 3 OSes",
        "Saying no to feature requests without sounding like a jerk.",
        "Keeping the project welcoming while also protecting my own energy.",
        "Downstream breakage. When we release, 200 crates notice within the hour.",
        "ARM builds. People run our CLI on Raspberry Pis and M-series Macs and we can't test that properly for free.",
        "Getting recognition for contributors. They do amazing work and nobody outside the repo knows.",
        "Honestly it's the guilt. Every unanswered issue is a small weight.",
        "Paying for CI out of my own pocket for the jobs the free tier can't handle.",
    ],
    "tools": [
        "Neovim, rust-analyzer, cargo, GitHub, Zulip",
        "Vim + gopls, GoReleaser, GitHub Actions, GitHub Discussions, Matrix",
        "Neovim, tox/nox, pre-commit, GitHub, Mastodon for announcements",
        "Helix, cargo-nextest, cargo-release, GitHub, Beacon's OSS tier for CI",
        "GitHub issues + Discussions, Zulip, Open Collective, Neovim",
        "Emacs, GitHub, Matrix, and a Raspberry Pi in a drawer for ARM testing",
        "vim, tmux, git, gh cli, cibuildwheel, PyPI trusted publishing",
        "VS Code with rust-analyzer, criterion for benchmarks, GitHub, Discord for the community",
        "Neovim, Go, goreleaser, golangci-lint, GitHub, Beacon for the test matrix",
        "GitHub, a Sourcehut mirror, Matrix, Mastodon, Neovim. I try to avoid anything proprietary.",
        "cargo, clippy, miri (for the unsafe bits), cargo-fuzz, GitHub",
        "PyCharm Community, pytest, hypothesis, GitHub, Read the Docs",
        "neovim, ripgrep, fd, gh, zulip. simple tools",
        "The GitHub Sponsors dashboard (sadly), GitHub, Neovim, the Rust toolchain",
        "Nix for reproducible dev envs, Neovim, GitHub, Matrix",
        "Zed, cargo, GitHub Actions for releases, Beacon for PR checks, Mastodon",
        "Vim, a Makefile, Docker (for the DB integration tests), GitHub Discussions",
        "VS Code, maturin + PyO3, pytest, GitHub",
        "the all-contributors bot, Renovate, GitHub, Neovim, Zulip",
        "Kakoune, git, a mailing list + GitHub for the newer contributors",
        "Dev containers / Codespaces for contributors, Neovim for me",
        "Rust, Go, GitHub, and the Lobsters and Mastodon crowd for feedback",
        "cargo-semver-checks, cargo-deny, GitHub, Beacon",
        "GitHub, Netlify for the docs site (moving to Beacon previews), Neovim",
        "gdb, valgrind, vim, github. old school",
    ],
    "workflow": [
        "Contributor opens a PR -> CI runs the full matrix -> me or a co-maintainer reviews -> merge -> release when enough has piled up.",
        "Failing test first, fix, PR (even for my own changes), CI, review from the co-maintainer if it's big, merge, cargo release.",
        "PR -> CI (unit + integration against every database) -> 2 approvals for anything touching the engine -> merge -> tag -> GoReleaser.",
        "Branch, tox locally, push, wait 40 min for the macOS jobs, merge if green (or green except the known flaky one...)",
        "A tag on main triggers wheel builds with cibuildwheel and trusted publishing to PyPI, then I write release notes thanking contributors by name.",
        "PR, Beacon runs the matrix in ~12 min, docs preview for doc changes, review, squash merge, monthly release.",
        "Patches come as GitHub PRs or via the mailing list, CI, review, merge, and a release every few weeks with a changelog.",
        "Contributor PR -> CI -> bot adds labels -> review -> merge queue -> nightly build -> release",
        "Honestly: commit to main, push, fix whatever CI complains about. I'm the only maintainer.",
        "PR with a changelog fragment, CI matrix, semver check, review, merge. The release PR is generated by release-plz.",
        "Issue first for anything non-trivial, then PR, CI, review, merge, release on crates.io + an announcement on Mastodon.",
        "PR -> checks on Linux/macOS/Windows x x86/ARM -> review -> merge -> GoReleaser pushes binaries, the Homebrew formula and a Docker image",
        "Draft PR early, contributor iterates, CI on every push, final review, merge, cut a release when a milestone is done.",
        "1) PR\n2) CI (please be green)\n3) review\n4) merge\n5) release script\n6) post on Mastodon/Zulip",
        "Fork -> PR -> CI -> docs preview -> review by a core member -> merge -> publish docs + package",
        "Small changes: PR + 1 review. Breaking changes: an RFC in Discussions first, then a PR, then a release candidate.",
        "Trunk-based, with release branches for the LTS versions. Backports are the painful part.",
        "PR, CI, review, merge, then a bot opens a release PR with the changelog. Merging that = publishing.",
        "Contributor sends a PR, I re-run the flaky Windows job twice, then review, then merge. Releases happen on weekends.",
        "pr -> ci -> review -> merge -> tag -> pypi. docs rebuild on readthedocs",
        "Change -> PR -> CI matrix (stable/beta/nightly/MSRV) -> review -> merge -> release notes with every contributor credited.",
        "PRs go to main, CI, review by whichever of the 3 of us is awake, merge, monthly release.",
        "I batch reviews on Sunday mornings. Merge, then release if there's something worth releasing.",
        "PR, CI, review, merge. The release itself is automated but I write the changelog by hand.",
        "Contributor PR -> CI on Beacon (free OSS tier) -> review -> merge -> tag -> binaries built for 8 targets",
    ],
    "collab": [
        "Co-maintainers (2 of us), regular contributors, and the downstream projects that depend on us.",
        "Contributors, downstream users filing good bug reports, and the Rust compiler team when something breaks.",
        "Me, one co-maintainer, ~10 regular contributors. I depend on the maintainers of our dependencies.",
        "Mostly contributors I've never met in person. And our fiscal host on Open Collective.",
        "The other maintainers in our GitHub org, plus the foundation that hosts the project.",
        "Downstream distros (Debian, Homebrew and Arch packagers) and our contributors.",
        "Just me, honestly. A few contributors show up for a month and disappear.",
        "Co-maintainers across three timezones. Users in Discussions. The Go team for the toolchain.",
        "Contributors, students (GSoC), and colleagues at my day job who use the library",
        "Upstream maintainers of requests/httpx, and users who send reproductions",
        "The core team (4 of us), a security contact at the foundation, and the packaging folks",
        "contributors + co-maintainer + the people who sponsor us (thank you!)",
        "Other maintainers in the ecosystem. We coordinate releases when APIs change.",
        "I depend on volunteers for translations and docs, and on a co-maintainer for everything Windows.",
        "Downstream CLI tools that use our crate, and the contributors who send fixes.",
        "Our steering committee, contributors, and the foundation's infra team.",
        "Contributors, and the handful of companies that actually send patches back.",
        "A co-maintainer who does the YAML side, regular contributors, and the crates.io / docs.rs volunteers.",
        "Users on Matrix, contributors on GitHub, and my partner who tolerates my weekend reviews :)",
        "New contributors mostly. I spend a lot of time mentoring first PRs.",
        "Co-maintainers, the database projects we integrate with, and bug reporters",
        "the python packaging folks, the cibuildwheel maintainers, contributors",
        "Foundation staff for grants, co-maintainers, contributors",
        "Contributors, downstream maintainers, and the folks who run our CI sponsorship",
        "Solo maintainer with a very supportive group of contributors on Zulip.",
    ],
    "online": [
        "Mastodon, Lobsters, r/rust, the Rust Zulip",
        "Zulip and Matrix for project chat, Mastodon for everything else.",
        "Lobsters daily, Mastodon, This Week in Rust",
        "GitHub Discussions, Matrix, r/golang, Mastodon",
        "discuss.python.org, Mastodon, Lobsters",
        "Mostly Mastodon since I left Twitter. RustConf / EuroRust when I can afford it.",
        "Zulip, IRC (yes, still), Lobsters",
        "r/rust, users.rust-lang.org, Zulip, Mastodon",
        "Lobsters and HN, Mastodon, the Gophers Slack",
        "The fediverse, Matrix rooms, and FOSDEM every year (Brussels in February, cold and wonderful)",
        "Mastodon, GitHub itself honestly, and the occasional Discord for a specific project",
        "Lobsters, Mastodon, PyCon and EuroPython, the Python Discord",
        "Matrix + Zulip + Mastodon. No Twitter, no Discord.",
        "r/rust, This Week in Rust, the Rust Zulip, RustNL / EuroRust",
        "Mastodon (hachyderm), Lobsters, FOSDEM",
        "GitHub Discussions, Mastodon, GopherCon talks on YouTube",
        "mailing lists, IRC on libera, lobsters",
        "Mastodon, Bluesky, Zulip, the Rust community Discord",
        "lobste.rs, Mastodon, the maintainer community at our foundation",
        "Matrix, Mastodon, r/Python, and my local Python user group",
        "Zulip, Mastodon, PackagingCon, Lobsters",
        "Reddit (r/rust, r/golang), Lobsters, Mastodon",
        "Mostly in our own project's Matrix room and on GitHub. A bit of Mastodon.",
        "FOSDEM, Mastodon, OpenSSF and maintainer Slack groups",
        "Lobsters, Mastodon, sometimes HN when one of my projects ends up there (scary)",
    ],
    "drive": [
        "Open source passion. I like that people I've never met use something I made.",
        "Belonging. The Rust community feels like a family reunion with strangers.",
        "Giving credit to contributors. Someone thanked me for my first tiny PR 12 years ago and I still remember it.",
        "Craftsmanship. Making the error messages perfect.",
        "Community over career. I have a day job; the project is for the joy of it.",
        "I want the project to outlive me. Growing new maintainers is the goal.",
        "Recognition for the team, not for me. Contributor-of-the-month posts make my week.",
        "Helping newcomers, especially people who don't look like the typical maintainer.",
        "Freedom to build things properly, without a product manager.",
        "Learning. I've learned more from maintaining than from any job.",
        "Honestly it's the thank-you messages. One a month keeps me going for a month.",
        "Being part of something bigger than my employer.",
        "I'd love to be paid to do this full-time someday, but mostly it's love for the craft.",
        "The software commons. Shared infrastructure should be shared AND maintained well.",
        "Mentoring. A merged PR in a known project helps students get jobs.",
        "I like solving a problem once, for everyone.",
        "The people. Some of my best friends are contributors I met at FOSDEM.",
        "Fixing the tools I use every day and sharing the fix.",
        "passion + stubbornness",
        "Keeping the project healthy and not burning out. That's the goal now, not growth.",
        "To be a respected member of the Go community and help it stay welcoming.",
        "Making contributors feel welcome and credited.",
        "Curiosity. And the feeling of shipping a release that 10k projects pick up.",
        "Building in public, with others. Solo work at my day job is lonely.",
        "Honestly I'm not sure anymore. Habit? Duty? Some days, joy.",
    ],
    "indispensable": [
        "A written, long-term promise that the open-source tier stays free.",
        "Automatic flaky test detection that tells contributors 'this failure isn't you'.",
        "Free macOS and ARM runners for open-source projects.",
        "Something for contributors: a welcome message for first-timers and automatic credit in release notes.",
        "Sponsor the projects you host, even a little. People notice who gives back.",
        "Fast full-matrix runs (Linux/macOS/Windows x x86/ARM x MSRV/stable/nightly) without paying.",
        "Docs previews on every PR, so first-time contributors can see their change rendered.",
        "An easy way back out. Export to GitHub Actions, so I'm not locked in if the free tier changes.",
        "Better beacon.yml error messages. Show me the span!",
        "Show the sponsor button / funding links on the build pages.",
        "Matrix syntax that handles exclusions properly (4 DBs x 3 versions x 3 OSes, minus a few).",
        "Less noise. One dashboard fewer, not one more.",
        "Don't require an org or seats for open source. Solo maintainers exist.",
        "Showcase open-source projects and their contributors on your site.",
        "A cache that works for PRs from forks, safely.",
        "Quarantine flaky tests automatically and open an issue for each one",
        "Official support for cibuildwheel / cargo-dist / GoReleaser workflows",
        "Nothing really, it's free and fast. Just don't take it away.",
        "A contributor leaderboard or credits page I can link from the README.",
        "Run the tests locally exactly like CI, with one command, for new contributors.",
        "Priority on OSS issues from your engineers. We write good bug reports, listen to us.",
        "Grants / credits for bigger OSS projects that need GPUs or big runners.",
        "a badge + public build history so users can see the project is healthy",
        "Transparency about the limits on the OSS tier. The page is vague.",
        "Help with burnout, honestly: anything that triages or automates the boring parts.",
    ],
}

POOLS["data"] = {
    "hardest": [
        "Security review. Every new tool is a 180-question questionnaire and months of waiting.",
        "Approvals. Change advisory board, model risk, data protection. The technical work is maybe a third of the time.",
        "Procurement takes 9-12 months. By the time a tool is approved there's a new major version.",
        "SSO/SAML and SCIM requirements. Anything without them is a non-starter here.",
        "On-prem requirements for regulated data. Most modern tools are SaaS-only.",
        "Legacy Jenkins shared by the whole company. A plugin upgrade is a 6-week change request.",
        "shared test environments. one team breaks the test feature tables and 6 teams are blocked",
        "Getting from notebook to production. Data scientists hand over Jupyter notebooks and we rewrite everything.",
        "Compliance documentation for every single model version.",
        "Data residency. Nothing can leave the region / our tenant.",
        "Bitbucket Data Center + Jenkins + Jira + Confluence + ServiceNow. Five systems to ship one change.",
        "The release window. We deploy on weekends, once a fortnight, through a release engineer from another team.",
        "Getting approval for open-source libraries. Five weeks for a well-known Python package.",
        "Masked data in test environments that doesn't behave like production data.",
        "Airflow DAG sprawl + dbt models nobody owns anymore",
        "Vendor risk assessments. They take longer than building the thing ourselves.",
        "Migrating Scala Spark jobs to PySpark while keeping the regulatory reports byte-identical.",
        "Audit trail. Every change must be traceable to a ticket, an approver and test evidence.",
        "No GPUs in CI. Training runs happen outside CI, with manual evidence.",
        "The gap between the modern tooling we see at conferences and what we're allowed to use.",
        "Coordinating with 10 teams (security, IT, data protection, architecture...) for any new capability.",
        "slow everything. approvals, provisioning, access requests",
        "Access requests. Two weeks to get read access to a schema.",
        "The model validation backlog. The independent validation team is understaffed.",
        'Air-gapped environments on government projects. "pip install" doesn\'t exist there.',
        "Keeping data contracts stable between upstream source systems and our marts.",
    ],
    "tools": [
        "Jupyter, Airflow, dbt, Snowflake, Jenkins, Bitbucket, Jira, Confluence",
        "Databricks, MLflow, PySpark, Azure DevOps, ServiceNow",
        "PyCharm, Jupyter, Airflow, Snowflake, dbt, Bitbucket Data Center, Jenkins",
        "SQL Developer (still), Oracle, Informatica, Jenkins, Jira, Confluence. We're migrating to Databricks.",
        "VS Code in a virtual desktop, Databricks, Unity Catalog, MLflow, Airflow, Jenkins",
        "Python, SQL, Scala. Spark, Airflow, dbt, Snowflake. Jira / Confluence / Bitbucket for the SDLC.",
        "SAS (legacy), Python, Databricks, Azure ML, Azure DevOps, Teams",
        "JupyterHub on-prem, Airflow, Kafka, Hive, Jenkins, Artifactory",
        "dbt Cloud, Snowflake, Fivetran, Tableau, Jira, Confluence",
        "MLflow, SageMaker, Airflow (MWAA), Bitbucket, Jenkins, Splunk",
        "Great Expectations for data quality, dbt, Airflow, Snowflake, Jenkins",
        "databricks, mlflow, jenkins, jira. confluence for the model docs",
        "Palantir Foundry (government project), Python, SQL, Jira",
        "Starburst/Trino, Airflow, dbt, GitLab self-managed, Jira, Confluence",
        "Jupyter + VS Code, Python, Feast feature store, MLflow, Kubeflow on-prem",
        "Teradata (being retired for 5 years now), Python, Airflow, Jenkins, ServiceNow",
        "Cloudera, Spark/Scala, Oozie (yes), Jenkins, Bitbucket",
        "Snowflake, dbt, Airflow, Monte Carlo, Jira, Confluence, Microsoft Teams",
        "Azure Data Factory, Databricks, Synapse, Azure DevOps, Purview",
        "R and Python, RStudio Server, Jupyter, SQL Server, and TFS -> Azure DevOps",
        "Python, Databricks, MLflow, Evidently for monitoring, Jenkins, Bitbucket",
        "pycharm, snowflake, dbt, airflow, jenkins, bitbucket, jira, confluence, servicenow. in that order",
        "SQL + Python, Airflow, Great Expectations, DataHub, Jenkins",
        "Databricks notebooks, Delta Lake, the MLflow registry, Azure Key Vault, Azure DevOps, Confluence",
        "Jupyter, scikit-learn, XGBoost, MLflow, Airflow, Jenkins, Jira",
    ],
    "workflow": [
        "Feature branch in Bitbucket -> PR with 2 reviewers -> Jenkins tests + security scan -> deploy to shared test -> validation -> ServiceNow change -> CAB -> weekend release window.",
        "Notebook prototype -> refactor into a package -> PR -> Jenkins -> test env on masked data -> model validation sign-off -> change request -> prod. About 2-3 weeks for a small change.",
        "Develop in a virtual desktop (no prod data on laptops), PR, Jenkins, UAT with the analysts, CAB approval, a release engineer deploys.",
        "dbt changes: PR -> CI runs dbt build on a sample -> review -> merge -> prod run next morning. Still needs a change ticket.",
        "Honestly it's mostly waiting. The code takes a day, the approvals take three weeks.",
        "Dev workspace -> Bitbucket -> Jenkins pipeline (unit, lint, SonarQube) -> test workspace -> sign-off from the data owner -> change record -> prod deploy by the ops team",
        "New model: months. Retrain: 2 weeks. Hotfix: emergency CAB, which is its own adventure.",
        "PR -> Jenkins -> artefact to Artifactory -> deploy to test -> model report generated -> validation team reviews -> CAB on Thursday -> release Thursday night",
        "Azure DevOps pipelines with approval gates per environment: Dev -> SIT -> UAT -> Prod. Every gate has a human approver.",
        "Code review in Bitbucket, Jenkins builds, then IT deploys it manually from a runbook. Yes, manually.",
        "Airflow DAG change -> PR -> Jenkins runs DAG integrity tests -> merge -> deployed to the shared Airflow in the next release train",
        "I can't deploy anything myself. I raise a ticket with evidence and IT operations deploys it.",
        "Branch, PR, 2 approvals (one senior), Jenkins, deploy to pre-prod, parallel run against the old pipeline for a month (regulatory reports), then switch over.",
        "laptop -> VDI -> bitbucket -> jenkins -> test -> CAB -> prod. the arrows are weeks",
        "Git flow with develop/release branches. A release branch is cut every 2 weeks, regression tested, change ticket, deployed on Saturday.",
        "MLflow experiment -> register the model -> Staging -> validation report -> approval in the registry + ServiceNow -> promote to Production.",
        "Databricks repos, PR to main, an Azure DevOps pipeline deploys the jobs with Terraform to test, then prod after approval.",
        "Air-gapped: build artefacts outside, scan them, transfer via approved media, deploy inside. Government project.",
        "PR -> Jenkins -> dev -> test -> change ticket -> CAB -> prod, with evidence screenshots attached at every step for audit.",
        "Feature branch, tests, PR, review, merge. Then a separate release management team picks it up and I lose visibility.",
        'We have an internal "golden path" template on Jenkins + Bitbucket. If your project fits it, 1 week. If not, good luck.',
        "Analyst requests a change in Jira -> I build it in dbt -> PR -> CI on sample data -> analyst UAT -> CAB -> prod",
        "Training happens outside CI on a Databricks cluster; CI only packages the inference code. Approvals go through the model risk committee.",
        "PR, Jenkins, SonarQube, Checkmarx, deploy to test, pen test if it's external facing, CAB, prod. Every time.",
        "Commit -> Jenkins -> Nexus -> Ansible deploy to on-prem servers in the next window.",
    ],
    "collab": [
        "Data scientists, analysts, compliance and IT security.",
        "The model validation team, actuaries, and the platform team who run Databricks and Jenkins.",
        "Risk analysts who consume our outputs, compliance, the data protection office.",
        "IT operations (they deploy), security architecture, and the CAB.",
        "Data scientists in 4 modelling teams, and our vendor managers (more than I'd like).",
        "Analysts and BI developers. I depend on source system owners who change schemas without notice.",
        "Compliance, internal audit, and the data owners in each business line.",
        "Data scientists and ML engineers on my team, plus procurement and legal whenever we need a new tool.",
        "Enterprise architecture, security, IT, and the data governance office.",
        "Clinicians and analysts (healthcare), plus information governance for every data access.",
        "The central Jenkins team. Everything depends on them and they're a ticket queue.",
        "Product owners on the business side, data scientists, and the model risk committee.",
        "Actuaries, data scientists, and IT security for every new library or tool.",
        "Government programme managers, the security accreditation team, contractors",
        "Data stewards, analysts, compliance. And our internal data engineering community.",
        "Data scientists who write notebooks and expect me to productionise them by Friday",
        "Finance and regulatory reporting. They can't have a wrong number, ever.",
        "The cloud platform team, networking (firewall rules!), and security.",
        "Analytics engineers, BI, and the CDO's office",
        "Everyone, through Jira tickets. Very few people face to face.",
        "Risk modelling, compliance, internal audit, IT. Basically the approval chain.",
        "data science + analytics + IT + vendor management. and the architecture review board",
        "My team of 8, the data scientists we support, and the security team who approve anything new.",
        "Hospital IT, clinical data teams, and the privacy office.",
        "Business analysts, QA, release management and the CAB.",
    ],
    "online": [
        "Stack Overflow, LinkedIn, vendor webinars (Databricks, Snowflake).",
        "LinkedIn mostly. I post about MLOps in regulated industries.",
        "PyData conferences (I spoke at PyData London last year), LinkedIn, Medium.",
        "Our internal community of practice (I run it), Stack Overflow, LinkedIn",
        "Data Council, the dbt Community Slack, LinkedIn",
        "Vendor webinars and whitepapers. Gartner reports when management asks.",
        "Medium articles, Towards Data Science, LinkedIn, Stack Overflow",
        "MLOps Community Slack, LinkedIn, PyData meetups",
        "stack overflow + linkedin. internal yammer / viva engage groups",
        "I speak at Data Council and PyData when I can. LinkedIn for everything in between.",
        "dbt Slack, Locally Optimistic, LinkedIn, Snowflake Summit",
        "Mostly internal: our ML guild and Confluence. Externally LinkedIn and vendor events.",
        "Databricks Data + AI Summit, webinars, LinkedIn, Stack Overflow",
        "Stack Overflow is blocked at work (!) so mostly from home. LinkedIn, YouTube conference talks.",
        "Kaggle, Medium, LinkedIn, PyData",
        "I write on LinkedIn and Medium about data governance, and mentor on ADPList.",
        "Vendor user groups, Stack Overflow, the internal data community",
        "Substack newsletters (Data Engineering Weekly etc.), LinkedIn",
        "LinkedIn, Data Council, and the occasional Big Data LDN talk",
        "Stack Overflow, Microsoft Learn, Azure community forums, LinkedIn",
        "Internal Viva Engage, LinkedIn, a PyData meetup when I have time",
        "Conferences (I try to speak at 2 a year), LinkedIn, Medium",
        "GovTech communities, LinkedIn, vendor events",
        "Stack Overflow, GitHub issues for Airflow/dbt, LinkedIn",
        "r/dataengineering occasionally, LinkedIn daily, internal communities of practice",
    ],
    "drive": [
        "Thought leadership. I want to be the person people listen to on data engineering in regulated industries.",
        "Speaking at conferences and writing. I'm working on a book chapter on data governance.",
        "Becoming principal engineer / head of data platform, setting direction for the bank.",
        "Being seen as THE MLOps expert in insurance. Gave a Data Council talk last year, want more.",
        "Modernising a legacy estate. It's hard, and that's why it's interesting.",
        "Building a community. I started our internal data engineering community of practice (400 people now).",
        "Status, honestly. Speaking slots, a bigger title, my name on a whitepaper.",
        "I want to publish more: LinkedIn articles, a blog, maybe a talk at PyData.",
        "Making the bank's data trustworthy. And being recognised for it.",
        "Moving into an architect role where I influence the whole organisation's data strategy.",
        "Doing things properly in a regulated environment, and teaching others how.",
        "Expertise. I want to be the go-to person for Spark performance in the company.",
        "Getting invited to speak. It's the best way to grow outside the company.",
        "A chief data officer path, eventually.",
        "Writing and mentoring. Sharing patterns that work under regulation.",
        "Public sector impact. Data that helps citizens, done safely.",
        "Sitting on programme committees at data conferences and shaping the conversation.",
        "Making ML governance-as-code a standard. I've given talks on it.",
        "career progression to staff/principal, and some visibility outside my company",
        "Healthcare data that saves lives, and presenting our work at conferences.",
        "Being recognised internally and externally as an expert. Vendor advisory boards are nice too.",
        "Stability and a good pension, honestly. And interesting problems.",
        "Building reference architectures that others copy.",
        "Publishing case studies (with legal's blessing, which takes months).",
        "Leading the migration off legacy, then talking about how we did it.",
    ],
    "indispensable": [
        "On-prem or private-cloud deployment. Our data cannot leave our network.",
        "SAML and SCIM with our identity provider, on a plan we can actually justify.",
        "Bitbucket Data Center and Jenkins integration, so we can migrate gradually.",
        "A security pack: SOC 2 Type II, pen test summary, a pre-filled standard questionnaire.",
        "Audit logs exported to our SIEM, and deploys linked to ServiceNow changes.",
        "Self-hosted runners inside our VPC, at minimum.",
        "Data residency guarantees (EU / UK region) in the contract.",
        "Procurement that understands enterprises: MSA, DPA, vendor risk, a 9-month cycle. Patience.",
        "Preview environments for data pipelines with masked sample data. That's the dream.",
        "Approval gates that match our change management process.",
        "Integration with Databricks and MLflow for per-PR ML environments.",
        "An air-gapped install option. Otherwise it's a non-starter for government.",
        "FedRAMP / IRAP / equivalent certification.",
        "Nothing. As SaaS it would never get through our security review.",
        "Case studies from other banks. That's what gets through the architecture board.",
        "Role-based access control mapped to our AD groups.",
        "A named account team and an enterprise support SLA.",
        "Support for Azure DevOps as well as GitHub",
        "Evidence export for auditors: who approved, what ran, which tests passed.",
        "Private networking (PrivateLink) and customer-managed encryption keys.",
        "Enterprise pricing that fits our annual budget cycle, not per-build-minute surprises.",
        "A reference architecture for regulated data pipelines that I could present internally.",
        "GPU runners for model training inside our own cloud account.",
        "honestly, being on our approved vendor list. that's 90% of it",
        "A webinar or whitepaper I can forward to my architecture board.",
    ],
}

POOLS["buyers"] = {
    "hardest": [
        "Predictability. Headcount is up 40% and output isn't.",
        "Tool sprawl. Four CI systems, four bills, four security reviews.",
        "Lead time for changes went from 1 day to 3 over the last 18 months.",
        "Budget scrutiny. The CFO reviews every SaaS line item now.",
        "Developer productivity is hard to measure and even harder to improve.",
        "Hiring and retaining senior platform engineers.",
        "Consolidating vendors while keeping the teams happy.",
        "E|Procurement and security reviews: 6-9 months for any new vendor.",
        "E|Our governance process. Every change needs CAB approval and delivery slows to a crawl.",
        "S|Margins. We're an agency; tooling costs come straight out of project budgets.",
        "S|Cash. Every subscription gets weighed against a contractor hour.",
        "Unpredictable usage-based pricing makes budgeting painful.",
        "Balancing delivery pressure with reliability. Incidents are up this year.",
        "G|Scaling from 8 to 15 teams without the platform team becoming a bottleneck.",
        "Onboarding. New engineers take 6 weeks before they ship to prod.",
        "Justifying tooling spend with an ROI that finance accepts.",
        "Shared staging environment contention. Teams queue up to test.",
        "E|Legacy. Half my budget goes to maintaining systems from 2008.",
        "Security questionnaires. We answer them for customers and send them to vendors, constantly.",
        "CI costs growing faster than headcount.",
        "Keeping DORA metrics moving in the right direction while we grow.",
        "S|Small team, too many clients. Everyone is a bottleneck.",
        "Getting engineering and finance to agree on what 'productivity' means.",
        "Flaky builds burning engineering hours. I see it in our dev survey every quarter.",
        "Too many vendors with overlapping features and separate contracts.",
        "G|SOC 2 and PCI scope creep slowing down every team.",
    ],
    "tools": [
        "G|GitHub, Beacon, Datadog, PagerDuty, Jira, Slack",
        "Google Sheets for the budget, Jira, Slack, LinearB for metrics",
        "Jellyfish / DX for engineering metrics, Jira, Confluence, Slack",
        "Notion, Linear, GitHub, Slack, Zoom",
        "E|ServiceNow, Jira, Confluence, Microsoft Teams, Excel, Power BI",
        "Vanta for SOC 2, Okta, GitHub, Datadog",
        "Mostly my calendar and spreadsheets now, honestly. I still review PRs on GitHub.",
        "Slack, Jira, Google Workspace, Lattice for performance reviews",
        "S|Notion, Figma, Slack, Harvest for time tracking, QuickBooks",
        "G|Datadog, PagerDuty, incident.io, GitHub, Beacon for CI and previews",
        "Swarmia for DORA metrics, Linear, GitHub",
        "E|Bitbucket, Jenkins, Jira, Confluence, ServiceNow, Teams",
        "Okta, Google Workspace, Slack, GitHub Enterprise, Datadog",
        "Looker dashboards for eng metrics, Jira, Slack",
        "Vendr / Zip for procurement, Okta, Slack, GitHub",
        "Excel (budget), Jira (roadmap), Slack (everything else)",
        "G|GitHub, CircleCI (being retired), Beacon, Sentry, Datadog",
        "Linear, Notion, Slack, Pylon for customer issues",
        "S|Figma, Notion, Slack, Vercel, and WhatsApp with clients",
        "E|Jira Align (sigh), Confluence, Teams",
        "Productboard, Jira, Slack, Google Sheets",
        "Lattice, Greenhouse for hiring, Slack, Google Calendar",
        "Terraform Cloud and AWS Cost Explorer for the budget, Slack, Jira",
        "1:1 docs in Notion, Linear, Slack, GitHub",
        "Datadog, Grafana, PagerDuty, Jira, Slack, Zoom",
    ],
    "workflow": [
        "Trunk-based, PR review, CI, a preview env per PR, GitOps deploy. My job is making sure nothing slows that down.",
        "Teams own their pipelines within guardrails set by platform. ~20 deploys a day.",
        "PR -> CI -> review -> merge -> auto-deploy to staging -> manual promote to prod with the service owner's approval.",
        "E|Bitbucket -> Jenkins -> test -> CAB -> release window. Two to three weeks from merge.",
        "S|Branch, preview for the client, sign-off, merge, deploy. Very lightweight.",
        "I don't touch it anymore. Teams follow the platform team's golden path.",
        "Continuous delivery with feature flags. Release is decoupled from deploy.",
        "PR + 2 reviews for regulated services, 1 for the rest, CI, GitOps, prod. The approvals are our audit trail.",
        "E|Change requests for everything in production. We're trying to move low-risk deploys to standard changes.",
        "Honestly it varies by team, which is part of why I'm consolidating.",
        "Merge to main deploys to prod after CI and a canary. Lead time is about 1.5 days including review.",
        "S|We push, the client looks at the preview, we launch. The process is the project manager.",
        "Weekly release train for mobile, continuous for web and backend.",
        "PR, checks, preview, review, merge, GitOps. The platform team owns the paved road.",
        "Devs ship via CI/CD, SRE approves infra changes, security approves anything touching card data.",
        "E|Waterfall-ish for regulated reports, agile elsewhere. Monthly releases.",
        "PR -> CI -> staging -> prod. Builds were the bottleneck; we fixed that this year.",
        "Engineering ships to production dozens of times a day. I track lead time and change failure rate.",
        "S|Preview links to the client, then a go-live checklist.",
        "Trunk-based, preview environments, feature flags, progressive delivery. It took two years to get here.",
        "G|Git -> Beacon pipelines -> Argo CD -> EKS. The platform team set it up; product teams just push.",
        "Standard: PR, CI, review, merge, deploy. Since we switched CI the slow part is review, not builds.",
        "Commit-to-production in under a day is our target; we're at ~2 days.",
        "E|A release management office coordinates everything. I'd love fewer gates.",
        "PR + preview, QA on the preview, merge, deploy. We retired staging last quarter.",
    ],
    "collab": [
        "CTO, finance, platform lead, security and procurement.",
        "My engineering managers, the CFO's team for budget, and security for vendor reviews.",
        "Platform lead (champions the tools), CTO, finance, legal.",
        "E|Procurement, vendor risk, IT security, enterprise architecture.",
        "The other VPs (product, design), the CTO, HR for hiring",
        "Security and compliance for SOC 2, finance for budgets, and the EMs.",
        "S|Clients, my co-founder, our accountant.",
        "Engineering managers and tech leads. Finance every month for the tooling budget.",
        "The board / investors on headcount plans, the CTO, finance",
        "The platform team, because every tool decision starts there.",
        "Legal (DPAs), procurement, security, finance. Buying software is a team sport.",
        "Product leadership for the roadmap, finance for budget, the people team for hiring.",
        "My tech leads and our head of security.",
        "CTO and CFO. And the senior engineers whose opinion on tools I trust.",
        "E|Steering committees. Lots of steering committees.",
        "Directors of engineering, security, IT ops",
        "Customer success for escalations, product, platform",
        "S|Designers, the PM and the clients' marketing leads.",
        "Finance and procurement. Then the team leads who actually use the tools.",
        "Engineering managers, recruiting, finance, security",
        "Head of platform, head of security, our finance business partner",
        "Other team leads. We share a tooling budget.",
        "The CTO and our vendor managers",
        "Peers at other companies, honestly, when evaluating vendors.",
        "G|Our compliance officer and security lead (fintech), finance, platform",
    ],
    "online": [
        "LinkedIn, a private Slack for engineering leaders, a few newsletters.",
        "Peer communities: Rands Leadership Slack, CTO dinners, LinkedIn.",
        "I ask my platform lead what he's reading on Hacker News.",
        "The LeadDev conference and newsletter, LinkedIn.",
        "Gartner / Forrester when I need ammunition for the board.",
        "Podcasts and newsletters on engineering management, LinkedIn",
        "Private CTO WhatsApp groups, honestly the most useful source.",
        "E|Vendor briefings, analyst reports, industry events.",
        "Hacker News, LinkedIn, The Pragmatic Engineer newsletter",
        "Engineering leadership meetups, LinkedIn, peer calls",
        "S|Local meetups, LinkedIn, agency-owner groups on Facebook (yes)",
        "r/ExperiencedDevs, LinkedIn, LeadDev",
        "CTO Craft community, LinkedIn, newsletters",
        "G2 reviews and peer references before buying anything",
        "G|The Pragmatic Engineer, LeadDev, and a Slack group of VPs Eng in fintech",
        "Less Twitter than before, more LinkedIn. Conferences twice a year.",
        "Reference calls with other customers before any big purchase",
        "Mostly peers. Vendor content only if a peer recommends it.",
        "Hacker News for tech, LinkedIn for people, peers for purchases",
        "CTO Craft, LeadDev, QCon",
        "E|Internal architecture forums, vendor roadshows, LinkedIn",
        "Slack communities for engineering managers; I mostly lurk",
        "Newsletters, podcasts on my commute, LinkedIn",
        "An engineering leadership Slack + our investors' portfolio community",
        "Peer dinners and LinkedIn. I don't have time for much else.",
    ],
    "drive": [
        "Building a place where good engineers do their best work without fighting the system.",
        "Team productivity and retention. Attrition in platform roles is expensive.",
        "Shipping more with less friction. I measure myself on DORA metrics and engagement.",
        "Growing leaders on my team.",
        "Scaling the org without losing speed.",
        "Making engineering a predictable part of the business.",
        "A CTO role, eventually.",
        "S|Growing the agency profitably.",
        "E|Modernising a large engineering organisation, one approval at a time.",
        "Helping teams do their best work, and being able to prove it to the board.",
        "Good engineering culture: autonomy, ownership, fast feedback.",
        "Delivering the roadmap on time without burning people out.",
        "Consolidating the stack and reducing cost per engineer.",
        "Being a leader people want to follow to their next company.",
        "Turning engineering spend into measurable business outcomes.",
        "G|Building teams that ship safely in a regulated industry.",
        "Predictability + happiness. In that order on bad days, reversed on good days.",
        "I want to build a great platform org, then maybe advise startups.",
        "Keeping the team small and effective.",
        "Removing friction. Every hour waiting on CI is an hour not building product.",
        "The growth of the company and of the people in it.",
        "S|Freedom, and good clients.",
        "Proving that investing in developer experience pays off.",
        "Hiring great people and getting out of their way.",
        "Making the right build-vs-buy calls and owning the outcome.",
    ],
    "indispensable": [
        "Predictable pricing with spend controls per team. Usage-based surprises are a deal-breaker.",
        "SAML/SCIM included at our tier. The SSO tax is the biggest friction at renewal.",
        "Replacing our remaining CI systems so we're down to one vendor.",
        "Monthly reporting I can forward to the CTO: reliability, usage, cost per team.",
        "A complete security questionnaire and SOC 2 report up front. It cuts weeks off procurement.",
        "ROI data: hours saved per engineer per week. Finance speaks that language.",
        "E|An on-prem or private deployment, and enterprise procurement support.",
        "S|A flat agency plan with unlimited client viewers.",
        "S|A lower price. We're 6 people.",
        "An annual contract with committed minutes and an overage cap.",
        "G|Roadmap transparency. We're betting on your Kubernetes work.",
        "Consolidating CI + previews into one contract.",
        "Admin controls: seat management, audit logs, SSO enforcement.",
        "DORA metrics built in.",
        "A named contact and an SLA.",
        "G|Customer references in fintech.",
        "E|Certifications: ISO 27001, SOC 2 Type II, and data residency in the EU.",
        "G|Keeping my platform team happy. They're in your advisory group and that matters.",
        "Usage forecasts in the dashboard so I don't find out from the invoice.",
        "Cost allocation by team / cost centre for chargeback.",
        "No price increases without notice. Stability matters more than features.",
        "Faster builds at a lower cost per engineer than GitHub Actions plus our homemade previews.",
        "Transparency on security incidents, and a good status page.",
        "G|Volume discounts as we grow past 150 seats.",
        "A proven migration path from CircleCI/Jenkins, with your help.",
    ],
}

# --------------------------------------------------------------------------------------------
# Firmographics. Weights are relative; dict order is fixed, so draws are reproducible.

ROLES = {
    "platform": {"Platform engineer": 40, "DevOps engineer": 35, "SRE": 25},
    "frontend": {"Frontend developer": 55, "Full-stack developer": 45},
    "maintainer": {
        "Open-source maintainer": 88,
        "Full-stack developer": 5,
        "Platform engineer": 4,
        "Data engineer": 3,
    },
    "data": {"Data engineer": 58, "ML engineer": 42},
}
BUYER_ROLES = {
    "G": {"Team lead": 25, "Engineering manager": 38, "VP Engineering": 25, "CTO": 12},
    "E": {"Team lead": 35, "Engineering manager": 45, "VP Engineering": 15, "CTO": 5},
    "S": {"Team lead": 20, "Engineering manager": 10, "VP Engineering": 10, "CTO": 60},
}
SIZES = {
    "platform": {
        "11-50": 6,
        "51-200": 38,
        "201-500": 36,
        "501-1000": 10,
        "1001-5000": 6,
        "5000+": 4,
    },
    "frontend": {"1-10": 38, "11-50": 40, "51-200": 14, "201-500": 5, "501-1000": 3},
    "maintainer": {
        "1-10": 15,
        "11-50": 15,
        "51-200": 18,
        "201-500": 14,
        "501-1000": 12,
        "1001-5000": 12,
        "5000+": 14,
    },
    "data": {"201-500": 4, "501-1000": 8, "1001-5000": 26, "5000+": 62},
    "G": {"11-50": 5, "51-200": 48, "201-500": 42, "501-1000": 5},
    "E": {"1001-5000": 30, "5000+": 70},
    "S": {"1-10": 65, "11-50": 35},
}
INDUSTRIES = {
    "platform": {
        "SaaS": 45,
        "Fintech": 33,
        "E-commerce": 8,
        "Healthcare": 4,
        "Media": 4,
        "Banking": 3,
        "Education": 3,
    },
    "frontend": {
        "Agency": 32,
        "E-commerce": 28,
        "Media": 15,
        "SaaS": 18,
        "Education": 4,
        "Fintech": 3,
    },
    "maintainer": {
        "Open source / non-profit": 55,
        "SaaS": 15,
        "Education": 12,
        "Fintech": 5,
        "Media": 4,
        "E-commerce": 4,
        "Government": 3,
        "Healthcare": 2,
    },
    "data": {
        "Banking": 30,
        "Insurance": 22,
        "Healthcare": 20,
        "Government": 20,
        "Fintech": 4,
        "SaaS": 4,
    },
    "G": {"SaaS": 52, "Fintech": 40, "E-commerce": 5, "Healthcare": 3},
    "E": {"Banking": 35, "Government": 30, "Insurance": 20, "Healthcare": 15},
    "S": {"Agency": 70, "E-commerce": 18, "Media": 12},
}
YEARS = {
    "platform": {"0-2": 5, "3-5": 30, "6-10": 40, "11+": 25},
    "frontend": {"0-2": 30, "3-5": 40, "6-10": 22, "11+": 8},
    "maintainer": {"0-2": 4, "3-5": 18, "6-10": 36, "11+": 42},
    "data": {"0-2": 5, "3-5": 20, "6-10": 40, "11+": 35},
    "buyers": {"3-5": 4, "6-10": 36, "11+": 60},
}
LANGUAGES = {
    "platform": {"Go": 45, "Python": 30, "Bash": 12, "TypeScript": 5, "Rust": 5, "Java": 3},
    "frontend": {"TypeScript": 62, "JavaScript": 33, "PHP": 3, "Python": 2},
    "maintainer": {"Rust": 38, "Go": 30, "Python": 30, "C": 2},
    "data": {"Python": 62, "SQL": 25, "Scala": 13},
    "G": {"Go": 35, "Python": 25, "TypeScript": 25, "Java": 10, "Kotlin": 5},
    "E": {"Java": 40, "Python": 35, "C#": 15, "SQL": 10},
    "S": {"TypeScript": 55, "JavaScript": 30, "PHP": 15},
}
REGIONS = {"North America": 40, "Europe": 35, "Asia-Pacific": 13, "Latin America": 7, "Africa": 5}

# Usage and NPS follow the planted ICP (see module docstring), with noise.
USAGE = {
    "icp": {"Daily": 60, "Weekly": 30, "Monthly": 7, "Less than monthly": 3},
    "enterprise": {"Daily": 3, "Weekly": 10, "Monthly": 25, "Less than monthly": 35, "Never": 27},
    "agency": {"Daily": 4, "Weekly": 16, "Monthly": 46, "Less than monthly": 34},
    "other": {"Daily": 25, "Weekly": 40, "Monthly": 20, "Less than monthly": 10, "Never": 5},
    "maintainer": {"Daily": 30, "Weekly": 45, "Monthly": 15, "Less than monthly": 7, "Never": 3},
}
NPS_WEIGHTS = {  # index = score 0..10
    "icp": [0, 0, 0, 0, 1, 2, 4, 8, 25, 30, 30],
    "enterprise": [8, 8, 12, 16, 18, 16, 10, 6, 4, 1, 1],
    "agency": [1, 1, 2, 4, 8, 22, 26, 20, 10, 4, 2],
    "other": [1, 1, 1, 2, 4, 8, 14, 22, 22, 15, 10],
    "maintainer": [0, 1, 1, 2, 3, 6, 12, 22, 25, 16, 12],
}
REVENUE_BY_SIZE = {
    "1-10": {"<$1M": 80, "$1M-$10M": 20},
    "11-50": {"<$1M": 35, "$1M-$10M": 60, "$10M-$100M": 5},
    "51-200": {"$1M-$10M": 40, "$10M-$100M": 58, "$100M+": 2},
    "201-500": {"$1M-$10M": 10, "$10M-$100M": 75, "$100M+": 15},
    "501-1000": {"$10M-$100M": 55, "$100M+": 45},
    "1001-5000": {"$10M-$100M": 15, "$100M+": 85},
    "5000+": {"$100M+": 100},
}

COMBINABLE = {"hardest", "drive", "indispensable"}  # answers that read fine as two thoughts
P_PARTIAL = 0.17
P_SKIP_ALL_TEXT = 0.035
P_SKIP_QUESTION = 0.07
P_COMBINE = 0.22
P_NPS_NOISE = 0.08


def pick(rng: random.Random, weights: dict[str, int]) -> str:
    return rng.choices(list(weights), weights=list(weights.values()))[0]


def fit_of(size: str, industry: str) -> str:
    if size in ("51-200", "201-500") and industry in ("SaaS", "Fintech"):
        return "icp"
    if size in ("1001-5000", "5000+") and industry in (
        "Banking",
        "Government",
        "Insurance",
        "Healthcare",
    ):
        return "enterprise"
    if industry == "Agency" and size in ("1-10", "11-50"):
        return "agency"
    return "other"


def pool_for(segment: str, subtype: str, question: str) -> list[str]:
    """Answers usable by this respondent; buyer answers are filtered by their tag."""
    out = []
    for text in POOLS[segment][question]:
        tag, sep, body = text.partition("|")
        if sep and len(tag) == 1:
            if tag == subtype:
                out.append(body)
        else:
            out.append(text)
    return out


class Decks:
    """Shuffled decks per (segment, subtype, question): every answer is used before any repeats."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.decks: dict[tuple[str, str, str], list[str]] = {}

    def draw(
        self, segment: str, subtype: str, question: str, avoid: str = "", no_beacon: bool = False
    ) -> str:
        key = (segment, subtype, question)
        for _ in range(4):
            deck = self.decks.get(key)
            if not deck:
                deck = pool_for(segment, subtype, question)
                self.rng.shuffle(deck)
                self.decks[key] = deck
            text = deck.pop()
            if text != avoid and not (no_beacon and "beacon" in text.lower()):
                return text
        return text


def roughen(rng: random.Random, text: str) -> str:
    """Small, human inconsistencies: a lowercase start, a dropped final full stop."""
    first_word = text.split()[0]
    if first_word[0].isupper() and first_word[1:].islower() and rng.random() < 0.12:
        text = text[0].lower() + text[1:]
    if text.endswith(".") and not text.endswith("..") and rng.random() < 0.08:
        text = text[:-1]
    return text


def free_text(
    rng: random.Random, decks: Decks, segment: str, subtype: str, question: str, usage: str
) -> str:
    # people who never use Beacon do not describe it as part of their toolchain
    no_beacon = usage == "Never" and question in ("tools", "workflow")
    text = decks.draw(segment, subtype, question, no_beacon=no_beacon)
    if question in COMBINABLE and rng.random() < P_COMBINE:
        second = decks.draw(segment, subtype, question, avoid=text)
        if text[-1] not in ".!?)":
            text += "."
        text = f"{text} {second}"
    return roughen(rng, text)


def respondent(rng: random.Random, decks: Decks, segment: str) -> tuple[dict[str, str], str]:
    if segment == "buyers":
        subtype = pick(rng, {"G": 55, "E": 25, "S": 20})
        role = pick(rng, BUYER_ROLES[subtype])
        size = pick(rng, SIZES[subtype])
        industry = pick(rng, INDUSTRIES[subtype])
        years = pick(rng, YEARS["buyers"])
        language = pick(rng, LANGUAGES[subtype])
    else:
        subtype = "-"
        role = pick(rng, ROLES[segment])
        size = pick(rng, SIZES[segment])
        industry = pick(rng, INDUSTRIES[segment])
        years = pick(rng, YEARS[segment])
        language = pick(rng, LANGUAGES[segment])
    region = pick(rng, REGIONS)
    fit = fit_of(size, industry)
    profile = "maintainer" if segment == "maintainer" else fit
    usage = pick(rng, USAGE[profile])
    if rng.random() < P_NPS_NOISE:
        nps = rng.randint(0, 10)
    else:
        nps = rng.choices(range(11), weights=NPS_WEIGHTS[profile])[0]
    if usage == "Never" and nps > 6:
        nps -= rng.randint(2, 4)
    no_revenue = industry == "Open source / non-profit" or rng.random() < 0.25
    revenue = "" if no_revenue else pick(rng, REVENUE_BY_SIZE[size])

    row = {
        Q_ROLE: role,
        Q_SIZE: size,
        Q_INDUSTRY: industry,
        Q_REGION: region,
        Q_YEARS: years,
        Q_LANG: language,
        Q_USAGE: usage,
        Q_REVENUE: revenue,
        Q_NPS: str(nps),
    }
    skip_all = rng.random() < P_SKIP_ALL_TEXT
    for key, question in FREE_TEXT.items():
        if skip_all or rng.random() < P_SKIP_QUESTION:
            row[question] = ""
        else:
            row[question] = free_text(rng, decks, segment, subtype, key, usage)
    return row, subtype


def main() -> None:
    for segment, questions in POOLS.items():
        for key, answers in questions.items():
            assert len(set(answers)) == len(answers) >= 25, (segment, key, len(answers))
    rng = random.Random(SEED)
    decks = Decks(rng)
    segments = [s for s, n in SEGMENT_SIZES.items() for _ in range(n)]
    rng.shuffle(segments)

    window = 40 * 24 * 3600
    t0 = dt.datetime(2026, 2, 2, 7, 30, 0)
    starts = sorted(t0 + dt.timedelta(seconds=rng.randrange(window)) for _ in segments)

    rows, truth = [], []
    for i, (segment, started) in enumerate(zip(segments, starts, strict=True), start=1):
        answers, _subtype = respondent(rng, decks, segment)
        rid = f"R{i:04d}"
        record = {"Response ID": rid, "Started": started.strftime("%Y-%m-%d %H:%M:%S"), **answers}
        if rng.random() < P_PARTIAL:
            # stopped somewhere after the firmographics: everything after the last answer is blank
            last = rng.randrange(HEADER.index(Q_YEARS), len(HEADER) - 1)
            for col in HEADER[last + 1 :]:
                record[col] = ""
            record["Status"], record["Submitted"] = "Partial", ""
        else:
            took = dt.timedelta(seconds=rng.randint(150, 1500))
            record["Status"] = "Complete"
            record["Submitted"] = (started + took).strftime("%Y-%m-%d %H:%M:%S")
        rows.append([record[col] for col in HEADER])
        truth.append([rid, segment, "true" if segment == "buyers" else "false"])

    SURVEY_OUT.parent.mkdir(parents=True, exist_ok=True)
    with SURVEY_OUT.open("w", encoding="utf-8", newline="") as f:
        writer = csv.writer(f)
        writer.writerow(HEADER)
        writer.writerows(rows)
    with TRUTH_OUT.open("w", encoding="utf-8", newline="") as f:
        writer = csv.writer(f, lineterminator="\n")
        writer.writerow(["Response ID", "segment", "buyer"])
        writer.writerows(truth)
    print(
        f"wrote {SURVEY_OUT.relative_to(ROOT)} ({len(rows)} rows) and {TRUTH_OUT.relative_to(ROOT)}"
    )


if __name__ == "__main__":
    main()
