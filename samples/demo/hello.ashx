<%@ WebHandler Language="Java" Class="demo.HelloHandler" %>
