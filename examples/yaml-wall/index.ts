import * as pulumi from "@pulumi/pulumi";
import { yamlWall } from "./yaml-wall";

export = yamlWall(new pulumi.Config("yaml-wall").requireSecret("dbPassword"));
