"""Creates what an EKS cluster's AWS account holds before the operator runs: a VPC, public and private subnets in
two availability zones tagged for load balancer discovery, a node security group and one EC2 instance per node.
Writes an env file for the operator and Node manifests whose providerIDs name those instances."""

import argparse

import boto3

parser = argparse.ArgumentParser()
parser.add_argument("--endpoint", required=True)
parser.add_argument("--region", required=True)
parser.add_argument("--cluster", required=True)
parser.add_argument("--nodes", type=int, default=2)
parser.add_argument("--env-file", required=True)
parser.add_argument("--nodes-file", required=True)
args = parser.parse_args()

ec2 = boto3.client("ec2", endpoint_url=args.endpoint, region_name=args.region,
                   aws_access_key_id="testing", aws_secret_access_key="testing")
cluster_tag = f"kubernetes.io/cluster/{args.cluster}"


def tags(resource_type, **pairs):
    return [{"ResourceType": resource_type, "Tags": [{"Key": k, "Value": v} for k, v in pairs.items()]}]


zones = [z["ZoneName"] for z in ec2.describe_availability_zones()["AvailabilityZones"]][:2]
vpc = ec2.create_vpc(CidrBlock="10.0.0.0/16",
                     TagSpecifications=tags("vpc", Name=args.cluster, **{cluster_tag: "owned"}))["Vpc"]["VpcId"]

subnets = {"public": [], "private": []}
for index, zone in enumerate(zones):
    for kind, role, offset in (("public", "kubernetes.io/role/elb", 0), ("private", "kubernetes.io/role/internal-elb", 128)):
        subnet = ec2.create_subnet(
            VpcId=vpc, AvailabilityZone=zone, CidrBlock=f"10.0.{offset + index * 16}.0/20",
            TagSpecifications=tags("subnet", Name=f"{args.cluster}-{kind}-{zone}", **{role: "1", cluster_tag: "shared"}),
        )["Subnet"]
        subnets[kind].append(subnet)

node_sg = ec2.create_security_group(
    GroupName=f"{args.cluster}-node", Description="EKS node security group", VpcId=vpc,
    TagSpecifications=tags("security-group", Name=f"{args.cluster}-node", **{cluster_tag: "owned"}),
)["GroupId"]

# A target group made outside Kubernetes (as Terraform would), for examples/targetgroupbinding.yaml to bind.
elbv2 = boto3.client("elbv2", endpoint_url=args.endpoint, region_name=args.region,
                     aws_access_key_id="testing", aws_secret_access_key="testing")
elbv2.create_target_group(Name="nginx-made-elsewhere", Protocol="TCP", Port=80, VpcId=vpc, TargetType="ip")

nodes = []
for index in range(args.nodes):
    subnet = subnets["private"][index % len(subnets["private"])]
    instance = ec2.run_instances(
        ImageId="ami-12c6146b", InstanceType="m5.large", MinCount=1, MaxCount=1, SubnetId=subnet["SubnetId"],
        SecurityGroupIds=[node_sg],
        TagSpecifications=tags("instance", Name=f"{args.cluster}-node-{index}", **{cluster_tag: "owned"}),
    )["Instances"][0]
    # Pods take addresses from their node's subnet, as with the Amazon VPC CNI: a /24 in the upper half of the /20.
    third = int(subnet["CidrBlock"].split(".")[2]) + 8 + index // len(subnets["private"])
    nodes.append((instance, subnet["AvailabilityZone"], f"10.0.{third}.0/24"))

with open(args.nodes_file, "w") as out:
    for instance, zone, pod_cidr in nodes:
        ip = instance["PrivateIpAddress"]
        name = f"ip-{ip.replace('.', '-')}.{args.region}.compute.internal"
        out.write(f"""---
apiVersion: v1
kind: Node
metadata:
  name: {name}
  annotations:
    kwok.x-k8s.io/node: fake
  labels:
    kubernetes.io/hostname: {name}
    kubernetes.io/os: linux
    kubernetes.io/arch: amd64
    node.kubernetes.io/instance-type: m5.large
    topology.kubernetes.io/region: {args.region}
    topology.kubernetes.io/zone: {zone}
    type: kwok
spec:
  providerID: aws:///{zone}/{instance["InstanceId"]}
  podCIDR: {pod_cidr}
  podCIDRs: [{pod_cidr}]
status:
  addresses:
  - {{type: InternalIP, address: {ip}}}
  - {{type: Hostname, address: {name}}}
  allocatable: {{cpu: "32", memory: 256Gi, pods: "110"}}
  capacity: {{cpu: "32", memory: 256Gi, pods: "110"}}
""")

with open(args.env_file, "w") as out:
    out.write(f"""AWS_ENDPOINT_URL={args.endpoint}
AWS_REGION={args.region}
AWS_ACCESS_KEY_ID=testing
AWS_SECRET_ACCESS_KEY=testing
ELBV2_CLUSTER_NAME={args.cluster}
ELBV2_VPC_ID={vpc}
ELBV2_NODE_SECURITY_GROUP={node_sg}
ELBV2_PUBLIC_SUBNETS={",".join(s["SubnetId"] for s in subnets["public"])}
ELBV2_PRIVATE_SUBNETS={",".join(s["SubnetId"] for s in subnets["private"])}
""")
