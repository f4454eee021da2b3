"""Prints the load balancers (with their security groups), listeners, rules, target groups and targets in the
cluster's VPC, as AWS (moto) holds them, marking which the operator owns (tag elbv2.k8s.aws/cluster)."""

import argparse

import boto3

parser = argparse.ArgumentParser()
parser.add_argument("--endpoint", required=True)
parser.add_argument("--region", required=True)
parser.add_argument("--cluster", required=True)
parser.add_argument("--vpc", required=True)
args = parser.parse_args()

elbv2 = boto3.client("elbv2", endpoint_url=args.endpoint, region_name=args.region,
                     aws_access_key_id="testing", aws_secret_access_key="testing")
ec2 = boto3.client("ec2", endpoint_url=args.endpoint, region_name=args.region,
                   aws_access_key_id="testing", aws_secret_access_key="testing")


def print_security_group(group_id, indent):
    groups = ec2.describe_security_groups(Filters=[{"Name": "group-id", "Values": [group_id]}])["SecurityGroups"]
    if not groups:
        print(f"{indent}security group {group_id}: gone")
        return
    group = groups[0]
    rules = [f"{p['IpProtocol']} {p.get('FromPort')} from {r.get('CidrIp') or r.get('CidrIpv6')}"
             for p in group["IpPermissions"] for r in p.get("IpRanges", []) + p.get("Ipv6Ranges", [])]
    print(f"{indent}security group {group_id} ({group['GroupName']}): " + ("; ".join(rules) or "no inbound rules"))


def tags_of(arns):
    tags = {}
    for start in range(0, len(arns), 20):
        for description in elbv2.describe_tags(ResourceArns=arns[start:start + 20])["TagDescriptions"]:
            tags[description["ResourceArn"]] = {t["Key"]: t["Value"] for t in description["Tags"]}
    return tags


def owner(tags):
    if tags.get("elbv2.k8s.aws/cluster") != args.cluster:
        return "not owned by this cluster"
    stack = tags.get("service.k8s.aws/stack") or tags.get("ingress.k8s.aws/stack") or "?"
    return f"stack {stack}"


def conditions_of(rule):
    parts = []
    for c in rule.get("Conditions", []):
        config = c.get("HostHeaderConfig") or c.get("PathPatternConfig") or {}
        parts.append(f"{c['Field']}={','.join(config.get('Values') or c.get('Values') or [])}")
    return "; ".join(parts)


def action_of(action):
    kind = action["Type"]
    if kind == "fixed-response":
        return f"fixed-response {action['FixedResponseConfig']['StatusCode']}"
    if kind == "redirect":
        config = action["RedirectConfig"]
        return f"redirect {config.get('StatusCode')} to {config.get('Protocol')}:{config.get('Port')}"
    groups = [g["TargetGroupArn"] for g in action.get("ForwardConfig", {}).get("TargetGroups", [])]
    groups = groups or [action.get("TargetGroupArn")]
    return "forward " + ", ".join(arn.split(":")[-1].split("/")[1] for arn in groups if arn)


def print_targets(target_group_arn, indent):
    health = elbv2.describe_target_health(TargetGroupArn=target_group_arn)["TargetHealthDescriptions"]
    if not health:
        print(f"{indent}targets: none")
    for description in health:
        target = description["Target"]
        print(f"{indent}target {target['Id']}:{target.get('Port', '-')} {description['TargetHealth']['State']}")


load_balancers = [lb for lb in elbv2.describe_load_balancers()["LoadBalancers"] if lb.get("VpcId") == args.vpc]
target_groups = [tg for tg in elbv2.describe_target_groups()["TargetGroups"] if tg.get("VpcId") == args.vpc]
tags = tags_of([lb["LoadBalancerArn"] for lb in load_balancers] + [tg["TargetGroupArn"] for tg in target_groups])

print(f"== AWS: region {args.region}, VPC {args.vpc}, cluster {args.cluster} ==")
if not load_balancers:
    print("load balancers: none")
for lb in load_balancers:
    arn = lb["LoadBalancerArn"]
    print(f"load balancer {lb['LoadBalancerName']} ({lb['Type']}, {lb.get('Scheme', '?')}, {owner(tags[arn])})")
    print(f"  DNS name {lb['DNSName']}")
    for group_id in lb.get("SecurityGroups", []):
        print_security_group(group_id, "  ")
    for listener in elbv2.describe_listeners(LoadBalancerArn=arn)["Listeners"]:
        print(f"  listener {listener['Protocol']}:{listener['Port']}")
        rules = elbv2.describe_rules(ListenerArn=listener["ListenerArn"])["Rules"]
        for rule in sorted(rules, key=lambda r: (r["Priority"] == "default", int(r["Priority"]) if r["Priority"].isdigit() else 0)):
            print(f"    rule {rule['Priority']}: {conditions_of(rule) or 'everything'} -> "
                  + ", ".join(action_of(a) for a in rule["Actions"]))

if not target_groups:
    print("target groups: none")
for tg in target_groups:
    arn = tg["TargetGroupArn"]
    print(f"target group {tg['TargetGroupName']} ({tg['Protocol']}:{tg.get('Port')}, target type {tg['TargetType']}, "
          f"{owner(tags[arn])})")
    print_targets(arn, "  ")
